import type { Handle, RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime.js';
import { SESSION_COOKIE } from '../auth/sessions';
import { CSRF_COOKIE } from '../security/csrf';
import {
	addVary,
	clientHas,
	compress,
	etagFor,
	etagOf,
	isCompressible,
	MIN_COMPRESS_BYTES,
	negotiateEncoding,
	notModified,
	type Encoding
} from './compression';
import { currentGeneration, onContentChange, useGenerationFor } from './content-cache';

/**
 * Whole anonymous pages, kept per generation of the content (see content-cache.ts). Only what
 * nobody could tell apart is shared: GET, no session cookie, status 200, no cookie set except the
 * CSRF cookie, and a body that does not contain this visitor's CSRF token (pages with forms are
 * therefore never shared). Cached bodies are compressed once, at the best level.
 */
const MAX_ENTRIES = 300;

interface Entry {
	generation: number;
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	etag: string;
	encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>;
}

const entries = new Map<string, Entry>();
onContentChange(() => entries.clear());

function respondWith(entry: Entry, request: Request): Response {
	const headers = new Headers(entry.headers);
	addVary(headers, 'Accept-Encoding');
	addVary(headers, 'Cookie');
	const encoding =
		entry.body.length >= MIN_COMPRESS_BYTES && isCompressible(headers)
			? negotiateEncoding(request.headers.get('accept-encoding'))
			: null;
	const etag = etagFor(entry.etag, encoding);
	headers.set('etag', etag);
	headers.set('x-cache', 'hit');
	if (clientHas(request, etag)) return notModified(headers);
	let body = entry.body;
	if (encoding) {
		body = entry.encoded[encoding] ??= compress(entry.body, encoding, true);
		headers.set('content-encoding', encoding);
	}
	headers.set('content-length', String(body.length));
	return new Response(request.method === 'HEAD' ? null : body, { status: entry.status, headers });
}

const hasCookie = (header: string, name: string) => new RegExp(`(?:^|;\\s*)${name}=`).test(header);

function containsBytes(haystack: Uint8Array, needle: string): boolean {
	return (
		needle.length > 0 &&
		Buffer.from(haystack.buffer, haystack.byteOffset, haystack.length).includes(needle)
	);
}

function shareable(event: RequestEvent, response: Response): boolean {
	if (response.status !== 200 || response.headers.has('content-encoding')) return false;
	const cacheControl = response.headers.get('cache-control') ?? '';
	if (/no-store|private/i.test(cacheControl)) return false;
	if (
		!/^text\/html|^application\/(atom|rss)\+xml/i.test(response.headers.get('content-type') ?? '')
	)
		return false;
	// Only the CSRF cookie may be set (a new visitor gets one); any other cookie is personal.
	return response.headers.getSetCookie().every((c) => c.startsWith('csrf='));
}

export const pageCache: Handle = async ({ event, resolve }) => {
	const { method } = event.request;
	if (method !== 'GET' && method !== 'HEAD') return resolve(event);
	const generation = currentGeneration(event.locals.db).catch(() => null);
	useGenerationFor(event.locals, generation);
	// The raw header: the session hook has already deleted an invalid session cookie.
	const cookies = event.request.headers.get('cookie') ?? '';
	if (event.locals.user || hasCookie(cookies, SESSION_COOKIE)) return resolve(event);
	const current = await generation;
	if (!current) return resolve(event);

	const key = `${getLocale()} ${event.url.pathname}${event.url.search}`;
	const hit = entries.get(key);
	if (hit && hit.generation === current.id) {
		const response = respondWith(hit, event.request);
		// As on every page: a new visitor gets their own CSRF cookie (set by the csrf hook, which
		// SvelteKit only adds to responses from resolve()).
		const csrf = event.cookies.get(CSRF_COOKIE);
		if (csrf && !hasCookie(cookies, CSRF_COOKIE)) {
			const secure = event.url.protocol === 'https:' ? '; Secure' : '';
			response.headers.append(
				'set-cookie',
				`${CSRF_COOKIE}=${csrf}; Path=/; HttpOnly; SameSite=Lax${secure}`
			);
		}
		return response;
	}

	const response = await resolve(event);
	if (method !== 'GET' || !shareable(event, response)) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	const fresh = new Response(body, { status: response.status, headers: response.headers });
	if (containsBytes(body, event.locals.csrfToken)) return fresh;
	if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	entries.set(key, {
		generation: current.id,
		status: response.status,
		headers: [...response.headers].filter(([name]) => name !== 'set-cookie'),
		body,
		etag: response.headers.get('etag') ?? etagOf(body),
		encoded: {}
	});
	return fresh;
};
