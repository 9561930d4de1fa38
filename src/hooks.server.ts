import { randomUUID } from 'node:crypto';
import {
	error,
	isHttpError,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { getTextDirection } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { config } from '$lib/server/config';
import { logger } from '$lib/server/logger';
import { getRuntime, startRuntime } from '$lib/server/runtime';
import { requestIdFrom, runInRequest } from '$lib/server/request-context';
import { setDisplayTimeZone } from '$lib/format';
import { databaseUnavailable, noteDatabaseError } from '$lib/server/ops/database-unavailable';
import { bodyLimit } from '$lib/server/ops/body-limit';
import { compression } from '$lib/server/ops/compression';
import { pageCache } from '$lib/server/ops/page-cache';
import { registerPageResponder } from '$lib/server/ops/page-responder';
import { setSecurityHeaders } from '$lib/server/ops/security-headers';
import { actorOf } from '$lib/server/auth/actor';
import { guardBackOffice } from '$lib/server/auth/back-office-guard';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/auth/session-cookie';
import {
	CSRF_COOKIE,
	CSRF_FIELD,
	csrfTokenFor,
	isValidCsrfToken,
	newCsrfCookieValue
} from '$lib/server/security/csrf';

export const init: ServerInit = async () => {
	setDisplayTimeZone(config().TIME_ZONE);
	const { database } = await startRuntime();
	// scripts/serve.mjs hands requests for cached pages to it before SvelteKit sees them.
	registerPageResponder(database.db);
};

/** One id per request: in the X-Request-Id header, on every log line and in audit entries. */
const requestId: Handle = ({ event, resolve }) => {
	const id = requestIdFrom(event.request.headers.get('x-request-id'));
	return runInRequest(id, async () => {
		const response = await resolve(event);
		response.headers.set('X-Request-Id', id);
		return response;
	});
};

const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} catch (err) {
		// Refusals thrown by later hooks (CSRF) are requests too.
		if (isHttpError(err)) status = err.status;
		throw err;
	} finally {
		// The path only: query strings can carry tokens; a token in the path is masked.
		const token = event.params?.token;
		logger.info(
			{
				method: event.request.method,
				path: token ? event.url.pathname.replace(token, '[token]') : event.url.pathname,
				status,
				ms: Math.round(performance.now() - started)
			},
			'request'
		);
	}
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace('%paraglide.dir%', getTextDirection(locale))
		});
	});

const session: Handle = async ({ event, resolve }) => {
	const { database } = getRuntime();
	event.locals.db = database.db;
	event.locals.user = null;
	event.locals.sessionToken = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const found = await validateSession(database.db, token, config().SESSION_DAYS);
		if (found) {
			event.locals.user = found.user;
			event.locals.sessionToken = token;
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}
	event.locals.actor = actorOf(event.locals.user);
	return resolve(event);
};

/** Loads, form actions and endpoints under /verwaltung alike: staff only, whatever the method. */
const backOffice: Handle = ({ event, resolve }) => {
	guardBackOffice(event.locals.actor, event.url);
	return resolve(event);
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrf: Handle = async ({ event, resolve }) => {
	let cookieValue = event.cookies.get(CSRF_COOKIE);
	if (
		UNSAFE_METHODS.has(event.request.method) &&
		!isJsonApiCall(event.url, event.request) &&
		!isOpen311Post(event.url, event.request)
	) {
		const token = await readCsrfToken(event.request);
		if (!isValidCsrfToken(cookieValue, token)) {
			logger.warn({ path: event.url.pathname }, 'csrf token missing or invalid');
			error(403, m.error_csrf_text());
		}
	}
	// API answers carry no forms: no cookie for them (clients would only collect it).
	if (
		!cookieValue &&
		(event.url.pathname.startsWith('/api/') || event.url.pathname.startsWith('/open311/'))
	) {
		event.locals.csrfToken = '';
		return resolve(event);
	}
	if (!cookieValue) {
		cookieValue = newCsrfCookieValue();
		event.cookies.set(CSRF_COOKIE, cookieValue, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:'
		});
	}
	event.locals.csrfToken = csrfTokenFor(cookieValue);
	return resolve(event);
};

/**
 * The JSON API needs no CSRF token: a page on another site cannot send `application/json`
 * without a CORS preflight, which we never grant, and the API acts anonymously (it ignores the
 * session), so there is no authority to borrow.
 */
function isJsonApiCall(url: URL, request: Request): boolean {
	return (
		url.pathname.startsWith('/api/') &&
		/^application\/json\b/i.test(request.headers.get('content-type') ?? '')
	);
}

/**
 * Open311 clients post forms from their own servers, without cookies, so they cannot send a CSRF
 * token. This one address needs none: it acts anonymously (the session is not used), is
 * authorised by its api_key field, and a forged cross-site form could only post a public notice
 * that anyone may post anyway, under the same key check and rate limit.
 */
function isOpen311Post(url: URL, request: Request): boolean {
	return request.method === 'POST' && url.pathname === '/open311/v2/requests.json';
}

async function readCsrfToken(request: Request): Promise<unknown> {
	const header = request.headers.get('x-csrf-token');
	if (header) return header;
	const type = request.headers.get('content-type') ?? '';
	if (!type.includes('form')) return undefined;
	try {
		return (await request.clone().formData()).get(CSRF_FIELD);
	} catch (err) {
		// adapter-node stops reading past BODY_SIZE_LIMIT: say the form was too large, not "expired".
		if (err instanceof Error && /content-length|body size|too large/i.test(err.message)) {
			error(413, m.error_too_large());
		}
		return undefined;
	}
}

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	setSecurityHeaders(response.headers, event.url.protocol === 'https:');
	return response;
};

export const handle = sequence(
	requestId,
	securityHeaders,
	compression,
	requestLog,
	databaseUnavailable,
	i18n,
	session,
	backOffice,
	bodyLimit,
	csrf,
	pageCache
);

export const handleError: HandleServerError = ({ error: err, event, status }) => {
	const id = randomUUID().slice(0, 8);
	const databaseAway = noteDatabaseError(err, event);
	if (status !== 404) {
		logger.error({ errorId: id, path: event.url.pathname, status, err }, 'unhandled error');
	}
	const message =
		status === 404
			? m.error_not_found_text()
			: databaseAway
				? m.ops_database_unavailable({ id })
				: m.error_server_text({ id });
	return { message, id };
};
