import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import type { Db } from '../db/client';
import { CSRF_COOKIE, newCsrfCookieValue } from '../security/csrf';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions';

function cookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:'
	};
}

/**
 * Starts a session after a successful login. The CSRF cookie is replaced too, so a token planted
 * before the login (session fixation of the form token) is worthless afterwards.
 */
export async function startSessionCookie(db: Db, cookies: Cookies, url: URL, userId: number) {
	const days = config().SESSION_DAYS;
	const { token } = await createSession(db, userId, days);
	cookies.set(SESSION_COOKIE, token, { ...cookieOptions(url), maxAge: days * 24 * 60 * 60 });
	cookies.set(CSRF_COOKIE, newCsrfCookieValue(), cookieOptions(url));
}

export async function endSessionCookie(
	db: Db,
	cookies: Cookies,
	url: URL,
	sessionToken: string | null
) {
	if (sessionToken) await deleteSession(db, sessionToken);
	clearSessionCookie(cookies, url);
	cookies.set(CSRF_COOKIE, newCsrfCookieValue(), cookieOptions(url));
}

/**
 * Deletes the session cookie with the options it was set with: SvelteKit adds Secure when none
 * is given, and a browser on plain http ignores such a deletion and keeps the cookie.
 */
export function clearSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, cookieOptions(url));
}

/** Base of links in mails: ORIGIN when configured (behind a proxy), else the request's origin. */
export function publicOrigin(url: URL): string {
	return (config().ORIGIN ?? url.origin).replace(/\/+$/, '');
}

/** Kept here for the routes that import it; the check lives in security/return-path. */
export { safeReturnPath } from '../security/return-path';
