import { beforeEach, describe, expect, it } from 'vitest';
import { clientKey, hitRateLimit, resetRateLimits } from './rate-limit';

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

	it('keeps the counters of active keys when the map is full, dropping the oldest instead', () => {
		hitRateLimit('victim', 1, 60_000, start);
		// A flood of fresh keys within the same window: nothing has expired yet.
		for (let i = 0; i < 60_000; i++) hitRateLimit(`flood:${i}`, 1, 60_000, start + 1);
		expect(hitRateLimit('flood:59999', 1, 60_000, start + 2).ok).toBe(false);
		expect(hitRateLimit('flood:30000', 1, 60_000, start + 2).ok).toBe(false);
	});
});

describe('clientKey', () => {
	it('groups IPv6 clients by their /64 network', () => {
		expect(clientKey('2001:db8:1:2:aaaa::1')).toBe(clientKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
		expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
		expect(clientKey('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64');
	});

	it('treats IPv4-mapped IPv6 addresses as the IPv4 address', () => {
		expect(clientKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
		expect(clientKey('203.0.113.5')).toBe('203.0.113.5');
		expect(clientKey('203.0.113.5')).not.toBe(clientKey('203.0.113.6'));
	});

	it('keeps anything unparsable as it is (never throws)', () => {
		expect(clientKey('')).toBe('');
		expect(clientKey('not-an-ip')).toBe('not-an-ip');
	});

	it('limits all addresses of one /64 together', () => {
		resetRateLimits();
		expect(hitRateLimit(`login:${clientKey('2001:db8::1')}`, 1, 60_000, 0).ok).toBe(true);
		expect(hitRateLimit(`login:${clientKey('2001:db8::ffff:2')}`, 1, 60_000, 0).ok).toBe(false);
	});
});
