import type { Handle } from '@sveltejs/kit';
import { cookieName as LOCALE_COOKIE, getLocale } from '$lib/paraglide/runtime.js';
import { CSRF_COOKIE } from '../security/csrf';
import { addVary, etagOf, isCompressible, varyWith, type Encoding } from './compression';
import { currentGeneration, onContentChange, useGenerationFor } from './content-cache';

/**
 * Whole anonymous pages, kept per generation of the content (see content-cache.ts). The hook
 * below stores them as the app renders them; page-responder.ts answers later requests for them
 * before SvelteKit sees the request. Only pages that opt in (shareWithEveryone) and that nobody
 * could tell apart are shared: GET, no cookie but the CSRF and language cookies, status 200, no
 * cookie set except the CSRF cookie. The
 * visitor's CSRF token is cut out of the body when it is stored; each answer puts in the token of
 * the visitor it goes to, so a page with a form is shared too, but never anybody's token.
 */
export const MAX_ENTRIES = 300;

export interface CachedPage {
	generation: number;
	status: number;
	/** The app's headers (lower-case names) without Set-Cookie, ETag, Vary and Content-Length. */
	headers: [string, string][];
	/** Vary as the slow path sends it (Cookie, and Accept-Encoding for compressible types). */
	vary: string;
	/** A text type: compressed when large enough and the client accepts it. */
	compressible: boolean;
	/** The body in pieces; between each two goes the CSRF token of the visitor ([body]: none). */
	parts: Buffer[];
	/** The ETag of the whole body (only for pages without a token: theirs differ per visitor). */
	etag: string;
	/** Compressed once at the best level (pages without a token), filled in on first use. */
	encoded: Partial<Record<Encoding, Buffer>>;
	encoding: Partial<Record<Encoding, Promise<Buffer>>>;
}

const entries = new Map<string, CachedPage>();
onContentChange(() => entries.clear());

/**
 * Locale, path and query of the request URL as the client sent it. Not SvelteKit's event.url:
 * that has `/__data.json` cut off, and a data request must not get the page.
 */
export const cacheKey = (locale: string, url: URL) => `${locale} ${url.pathname}${url.search}`;

export const findPage = (key: string): CachedPage | undefined => entries.get(key);

/** For tests: forget all pages. */
export function clearPages() {
	entries.clear();
}

const SAFE_COOKIE_VALUE = /^[\w-]+$/;

/**
 * The CSRF cookie of a request whose cookies may all see a shared page (the CSRF cookie, the
 * language cookie), `''` without one; null when there is any other cookie (a session, anything
 * unknown) or a CSRF cookie we would read differently than SvelteKit's cookie parser: such a
 * request goes the slow way. The first CSRF cookie counts, as in SvelteKit.
 */
export function sharedPageCookies(header: string | null | undefined): { csrf: string } | null {
	let csrf: string | undefined;
	for (const pair of header ? header.split(';') : []) {
		const eq = pair.indexOf('=');
		if (eq < 0) {
			if (pair.trim() === '') continue; // "a=1;" or "a=1; "
			return null;
		}
		const name = pair.slice(0, eq).trim();
		if (name === CSRF_COOKIE) {
			if (csrf !== undefined) continue;
			csrf = pair.slice(eq + 1).trim();
			if (!SAFE_COOKIE_VALUE.test(csrf)) return null;
		} else if (name !== LOCALE_COOKIE) {
			return null;
		}
	}
	return { csrf: csrf ?? '' };
}

/** The requests whose page said it may be shared (shareWithEveryone). */
const sharedRequests = new WeakSet<object>();

/**
 * Opt-in, from a page's load (or a feed's GET): this answer shows only public content, which the
 * content version tracks, and depends on nothing of the request but language, path and query. It
 * may then be stored and answered to every anonymous visitor. Pages that do not call it (a link
 * with a token, a form prefilled from the Referer, anything signed in) are rendered per request.
 */
export function shareWithEveryone(locals: object) {
	sharedRequests.add(locals);
}

function shareable(response: Response): boolean {
	if (response.status !== 200 || response.headers.has('content-encoding')) return false;
	const cacheControl = response.headers.get('cache-control') ?? '';
	// The JSON API's answers are no-store, except the public ones that opt in (events).
	if (/no-store|private/i.test(cacheControl)) return false;
	if (
		!/^text\/(html|calendar|xml)|^application\/((atom|rss)\+xml|json)/i.test(
			response.headers.get('content-type') ?? ''
		)
	)
		return false;
	// Only the CSRF cookie may be set (a new visitor gets one); any other cookie is personal.
	return response.headers.getSetCookie().every((c) => c.startsWith(`${CSRF_COOKIE}=`));
}

/** The body split at each occurrence of the token (one part when it does not occur). */
export function splitAt(body: Buffer, token: string): Buffer[] {
	if (!token) return [body];
	const parts: Buffer[] = [];
	let from = 0;
	for (let at = body.indexOf(token); at >= 0; at = body.indexOf(token, from)) {
		parts.push(body.subarray(from, at));
		from = at + token.length;
	}
	parts.push(body.subarray(from));
	return parts;
}

const NOT_KEPT = new Set(['set-cookie', 'etag', 'vary', 'content-length']);

/**
 * Stores an answer the app rendered for an anonymous GET if it may be shared, and returns it
 * (a fresh Response: the body has been read). `visitor` is the CSRF token in its forms and its
 * CSRF cookie.
 */
export async function keepPage(
	key: string,
	generation: number,
	response: Response,
	visitor: { csrfToken: string; csrfCookie: string | undefined }
): Promise<Response> {
	if (!shareable(response)) return response;
	const bytes = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	// Anyone with a session cookie gets another page at the same address.
	addVary(headers, 'Cookie');
	const fresh = new Response(bytes, { status: response.status, headers });
	const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	// The cookie itself is never in a page; if it were, the page would not be shareable.
	if (visitor.csrfCookie && body.includes(visitor.csrfCookie)) return fresh;
	const compressible = isCompressible(headers);
	const vary = headers.get('vary')!;
	const parts = splitAt(Buffer.from(body), visitor.csrfToken);
	if (entries.size >= MAX_ENTRIES && !entries.has(key))
		entries.delete(entries.keys().next().value!);
	entries.set(key, {
		generation,
		status: response.status,
		headers: [...headers].filter(([name]) => !NOT_KEPT.has(name)),
		// As the compression hook adds it on the slow path.
		vary: compressible ? varyWith(vary, 'Accept-Encoding') : vary,
		compressible,
		parts,
		etag: parts.length === 1 ? (headers.get('etag') ?? etagOf(body)) : '',
		encoded: {},
		encoding: {}
	});
	return fresh;
}

/**
 * Innermost hook: tells the content cache which generation a GET request may use, and stores the
 * anonymous pages the app renders. Hits never get here: page-responder.ts answers them first.
 */
export const pageCache: Handle = async ({ event, resolve }) => {
	const { method } = event.request;
	if (method !== 'GET' && method !== 'HEAD') return resolve(event);
	const generation = currentGeneration(event.locals.db).catch(() => null);
	useGenerationFor(event.locals, generation);
	// The raw header: the session hook has already deleted an invalid session cookie.
	if (
		method !== 'GET' ||
		event.locals.user ||
		!sharedPageCookies(event.request.headers.get('cookie'))
	) {
		return resolve(event);
	}
	const current = await generation;
	if (!current) return resolve(event);
	const response = await resolve(event);
	if (!sharedRequests.has(event.locals)) return response;
	return keepPage(cacheKey(getLocale(), new URL(event.request.url)), current.id, response, {
		csrfToken: event.locals.csrfToken,
		csrfCookie: event.cookies.get(CSRF_COOKIE)
	});
};
