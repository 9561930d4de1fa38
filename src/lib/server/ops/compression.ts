import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { Handle } from '@sveltejs/kit';

/**
 * gzip/brotli and ETag for what the app renders (pages, feeds, JSON). Static files are served
 * precompressed by adapter-node before any hook. Levels chosen by measurement (see README,
 * "Caching"): brotli 4 / gzip 6 for per-request bodies cost ~0.1 ms for a 10 kB page; bodies
 * rendered once for the page cache get brotli 11 / gzip 9 (brotli 9 above BEST_BROTLI_MAX_BYTES).
 */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE =
	/^(text\/(html|css|plain|xml|calendar)|application\/(json|xml|atom\+xml|rss\+xml|xhtml\+xml)|image\/svg\+xml)\b/i;

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (q=0 means "not this one"). */
export function negotiateEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
		accepted.set(name.trim(), q === undefined ? 1 : Number(q));
	}
	const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
	if (ok('br')) return 'br';
	if (ok('gzip')) return 'gzip';
	return null;
}

/** Per request (brotli 4, gzip 6): about 0.1 ms for a 10 kB page. */
export function compress(body: Uint8Array, encoding: Encoding): Uint8Array<ArrayBuffer> {
	const out =
		encoding === 'br'
			? zlib.brotliCompressSync(body, {
					params: {
						[zlib.constants.BROTLI_PARAM_QUALITY]: 4,
						[zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length
					}
				})
			: zlib.gzipSync(body, { level: 6 });
	return new Uint8Array(out);
}

/**
 * Brotli 11 grows much worse than linearly with size: tens of milliseconds for a page, but 4.5 s
 * for a 680 kB calendar feed (1,000 events), and longer on a loaded machine, while every client
 * of that feed waits. Larger bodies get brotli 9 (about 50 ms there, a few percent larger).
 */
export const BEST_BROTLI_MAX_BYTES = 128 * 1024;

/**
 * The best level, off the main thread (zlib's thread pool): brotli 11 takes tens of milliseconds
 * for a page, which would stall every other request if done inline. Once per cached page.
 */
export function compressBest(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out));
		if (encoding === 'br') {
			zlib.brotliCompress(
				body,
				{
					params: {
						[zlib.constants.BROTLI_PARAM_QUALITY]: body.length > BEST_BROTLI_MAX_BYTES ? 9 : 11,
						[zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length
					}
				},
				done
			);
		} else {
			zlib.gzip(body, { level: 9 }, done);
		}
	});
}

export function etagOf(body: Uint8Array): string {
	return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** An ETag per encoding: the bytes differ, so must the tag. */
export const etagFor = (etag: string, encoding: Encoding | null) =>
	encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag;

export function isCompressible(headers: Headers): boolean {
	return COMPRESSIBLE.test(headers.get('content-type') ?? '') && !headers.has('content-encoding');
}

export function addVary(headers: Headers, value: string) {
	headers.set('vary', varyWith(headers.get('vary'), value));
}

/** A Vary value with `value` added (once). */
export function varyWith(vary: string | null | undefined, value: string): string {
	if (!vary) return value;
	return vary.toLowerCase().includes(value.toLowerCase()) ? vary : `${vary}, ${value}`;
}

/** Whether the client's cached copy (If-None-Match) is this one. */
export function clientHas(request: Request, etag: string): boolean {
	return matchesEtag(request.headers.get('if-none-match'), etag);
}

/** Whether an If-None-Match value names this ETag (weak forms and `*` included). */
export function matchesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch
		.split(',')
		.map((t) => t.trim().replace(/^W\//, ''))
		.some((t) => t === etag || t === '*');
}

/**
 * Whether the client's copy from If-Modified-Since is still current (RFC 9110 13.1.3): only
 * without If-None-Match (the ETag decides then), and only for an answer with Last-Modified.
 * HTTP dates have whole seconds.
 */
export function unchangedSince(
	ifModifiedSince: string | null | undefined,
	ifNoneMatch: string | null | undefined,
	lastModified: string | null | undefined
): boolean {
	if (ifNoneMatch || !ifModifiedSince || !lastModified) return false;
	const since = Date.parse(ifModifiedSince);
	const modified = Date.parse(lastModified);
	if (Number.isNaN(since) || Number.isNaN(modified)) return false;
	return Math.floor(modified / 1000) <= Math.floor(since / 1000);
}

/** The headers a 304 keeps of the full answer (RFC 9110 15.4.5), besides Set-Cookie. */
export const NOT_MODIFIED_KEEPS = ['etag', 'cache-control', 'vary', 'content-location', 'expires'];

export function notModified(headers: Headers): Response {
	const kept = new Headers();
	for (const key of NOT_MODIFIED_KEEPS) {
		const value = headers.get(key);
		if (value) kept.set(key, value);
	}
	for (const cookie of headers.getSetCookie()) kept.append('set-cookie', cookie);
	return new Response(null, { status: 304, headers: kept });
}

export const compression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const { request } = event;
	if (
		response.status !== 200 ||
		request.method !== 'GET' ||
		!response.body ||
		!isCompressible(response.headers)
	) {
		return response;
	}
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	addVary(headers, 'Accept-Encoding');
	const encoding =
		body.length >= MIN_COMPRESS_BYTES
			? negotiateEncoding(request.headers.get('accept-encoding'))
			: null;
	const etag = etagFor(headers.get('etag') ?? etagOf(body), encoding);
	headers.set('etag', etag);
	if (
		clientHas(request, etag) ||
		unchangedSince(
			request.headers.get('if-modified-since'),
			request.headers.get('if-none-match'),
			headers.get('last-modified')
		)
	) {
		return notModified(headers);
	}
	if (!encoding) return new Response(body, { status: 200, headers });
	const compressed = compress(body, encoding);
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(compressed.length));
	return new Response(compressed, { status: 200, headers });
};
