import { beforeEach, describe, expect, it } from 'vitest';
import { hitRateLimit, resetRateLimits } from './rate-limit';

describe('hitRateLimit', () => {
	beforeEach(() => resetRateLimits());
	const start = 1_000_000;

	it('allows up to the limit per window, then refuses with the seconds to wait', () => {
		for (let i = 1; i <= 3; i++)
			expect(hitRateLimit('contact:a', 3, 60_000, start + i - 1).ok).toBe(true);
		const refused = hitRateLimit('contact:a', 3, 60_000, start + 10_000);
		expect(refused.ok).toBe(false);
		expect(refused.retryAfterSeconds).toBe(50);
	});

	it('opens again when the window is over', () => {
		for (let i = 0; i < 5; i++) hitRateLimit('contact:a', 2, 60_000, start);
		expect(hitRateLimit('contact:a', 2, 60_000, start + 59_999).ok).toBe(false);
		expect(hitRateLimit('contact:a', 2, 60_000, start + 60_000).ok).toBe(true);
	});

	it('counts each key separately', () => {
		hitRateLimit('contact:a', 1, 60_000, start);
		expect(hitRateLimit('contact:a', 1, 60_000, start).ok).toBe(false);
		expect(hitRateLimit('contact:b', 1, 60_000, start).ok).toBe(true);
		expect(hitRateLimit('login:a', 1, 60_000, start).ok).toBe(true);
	});

	it('never asks to wait less than a second', () => {
		hitRateLimit('k', 1, 1000, start);
		expect(hitRateLimit('k', 1, 1000, start + 999).retryAfterSeconds).toBe(1);
	});

	it('keeps memory bounded under a flood of distinct keys', () => {
		for (let i = 0; i < 60_000; i++) hitRateLimit(`flood:${i}`, 1, 60_000, start);
		// The flood must not evict into a state where a limited key is suddenly allowed twice in a row.
		hitRateLimit('victim', 1, 60_000, start);
		expect(hitRateLimit('victim', 1, 60_000, start).ok).toBe(false);
	});

	it('forgets everything on reset', () => {
		hitRateLimit('k', 1, 60_000, start);
		resetRateLimits();
		expect(hitRateLimit('k', 1, 60_000, start).ok).toBe(true);
	});
});
