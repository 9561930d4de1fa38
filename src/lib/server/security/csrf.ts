import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { secret } from './secret';

/**
 * Double-submit CSRF protection: a random HttpOnly cookie, and in every form a token that is
 * the HMAC of that cookie. A token from another browser or from before login does not match.
 */
export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';

export function newCsrfCookieValue(): string {
	return randomBytes(24).toString('base64url');
}

export function csrfTokenFor(cookieValue: string): string {
	return createHmac('sha256', secret()).update(`csrf:${cookieValue}`).digest('base64url');
}

export function isValidCsrfToken(cookieValue: string | undefined, token: unknown): boolean {
	if (!cookieValue || typeof token !== 'string' || token.length === 0) return false;
	const expected = Buffer.from(csrfTokenFor(cookieValue));
	const given = Buffer.from(token);
	return expected.length === given.length && timingSafeEqual(expected, given);
}
