import { describe, expect, it } from 'vitest';
import { csrfTokenFor, isValidCsrfToken, newCsrfCookieValue } from './csrf';

describe('CSRF tokens', () => {
	it('makes long, random, cookie-safe cookie values', () => {
		const values = new Set(Array.from({ length: 100 }, () => newCsrfCookieValue()));
		expect(values.size).toBe(100);
		for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});

	it('derives a stable token from the cookie that is not the cookie itself', () => {
		const cookie = newCsrfCookieValue();
		expect(csrfTokenFor(cookie)).toBe(csrfTokenFor(cookie));
		expect(csrfTokenFor(cookie)).not.toContain(cookie);
		expect(csrfTokenFor(cookie)).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it('accepts the token for its own cookie only', () => {
		const mine = newCsrfCookieValue();
		const theirs = newCsrfCookieValue();
		expect(isValidCsrfToken(mine, csrfTokenFor(mine))).toBe(true);
		expect(isValidCsrfToken(mine, csrfTokenFor(theirs))).toBe(false);
		expect(isValidCsrfToken(theirs, csrfTokenFor(mine))).toBe(false);
	});

	it('refuses missing, empty, mangled and non-text tokens', () => {
		const cookie = newCsrfCookieValue();
		const token = csrfTokenFor(cookie);
		for (const bad of [
			undefined,
			null,
			'',
			token.slice(0, -1),
			`${token}x`,
			token.toUpperCase(),
			cookie,
			new File([token], 'token.txt'),
			[token],
			42
		]) {
			expect(isValidCsrfToken(cookie, bad)).toBe(false);
		}
		expect(isValidCsrfToken(undefined, token)).toBe(false);
		expect(isValidCsrfToken('', csrfTokenFor(''))).toBe(false);
	});

	it('does not throw on multi-byte input of the same length', () => {
		const cookie = newCsrfCookieValue();
		const token = csrfTokenFor(cookie);
		expect(isValidCsrfToken(cookie, 'ä'.repeat(token.length))).toBe(false);
	});
});
