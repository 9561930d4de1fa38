import type { Handle, RequestEvent } from '@sveltejs/kit';
import { isDatabaseUnavailable } from '../db/unavailable';

/** Seconds a client is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 30;

const unavailable = new WeakSet<object>();

/**
 * Called from handleError: remembers that this request failed because the database is away.
 * SvelteKit renders its error page with status 500 for any thrown error; the hook below turns
 * that into 503 with Retry-After, so clients, proxies and monitors know it is temporary.
 */
export function noteDatabaseError(err: unknown, event: RequestEvent): boolean {
	if (!isDatabaseUnavailable(err)) return false;
	unavailable.add(event.locals);
	return true;
}

export const databaseUnavailable: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (response.status !== 500 || !unavailable.has(event.locals)) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	headers.set('cache-control', 'no-store');
	return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers });
};
