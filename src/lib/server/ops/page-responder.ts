import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	extractLocaleFromRequestWithStrategies,
	strategy as localeStrategy
} from '$lib/paraglide/runtime.js';
import type { Db } from '../db/client';
import { config } from '../config';
import { logger } from '../logger';
import { requestIdFrom, runInRequest } from '../request-context';
import { CSRF_COOKIE, csrfTokenFor, newCsrfCookieValue } from '../security/csrf';
import {
	compress,
	compressBest,
	etagFor,
	etagOf,
	matchesEtag,
	MIN_COMPRESS_BYTES,
	negotiateEncoding,
	NOT_MODIFIED_KEEPS,
	unchangedSince,
	type Encoding
} from './compression';
import { currentGeneration } from './content-cache';
import { cacheKey, findPage, sharedPageCookies, type CachedPage } from './page-cache';
import { setSecurityHeaders } from './security-headers';

/**
 * Answers requests for cached pages (page-cache.ts) before SvelteKit sees them: a hit costs no
 * Request/Response objects, no hooks and no rendering. scripts/serve.mjs hands every request to
 * the responder registered under PAGE_RESPONDER; `next()` passes it on to SvelteKit (adapter-node's
 * handler), which answers everything else and stores new pages. A hit sends what the slow path
 * would send: the same body and headers (security headers, X-Request-Id, Vary, ETag per encoding,
 * 304, HEAD, compression), with this visitor's own CSRF token in the forms, and is logged like any
 * request. Freshness: each hit reads the content version first; if that fails, SvelteKit answers
 * (with the 503 page when the database is away).
 */
export type NodeResponder = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export const PAGE_RESPONDER = Symbol.for('quartier.pageCache');

export interface ResponderOptions {
	db: Db;
	/** As adapter-node reads them: ORIGIN, else PROTOCOL_HEADER decides http or https. */
	origin?: string;
	protocolHeader?: string;
}

/** Called from the server's init: scripts/serve.mjs then sends requests here first. */
export function registerPageResponder(db: Db) {
	(globalThis as Record<symbol, unknown>)[PAGE_RESPONDER] = createPageResponder({ db });
}

// The cache key holds the locale; it must come from nothing but the cookie (not Accept-Language).
const LOCALE_FROM_COOKIE_ONLY = localeStrategy.every((s) => s === 'cookie' || s === 'baseLocale');

/** paraglide's own answer (cookie, else base locale) for a Node request's Cookie header. */
function localeOf(cookie: string | undefined): string {
	const headers = {
		get: (name: string) => (name.toLowerCase() === 'cookie' ? (cookie ?? null) : null)
	};
	return extractLocaleFromRequestWithStrategies(
		{ headers } as unknown as Request,
		localeStrategy,
		'http://x/'
	);
}

/**
 * Whether a request is https, as adapter-node decides event.url (and so the csrf hook and the
 * security headers): from ORIGIN if set, else the PROTOCOL_HEADER (default https); null where
 * adapter-node would refuse the request.
 */
function httpsDecider(origin: string | undefined, protocolHeader: string) {
	if (origin) {
		const https = new URL(origin.trim()).protocol === 'https:';
		return () => https;
	}
	if (!protocolHeader) return () => true;
	return (req: IncomingMessage): boolean | null => {
		const value = req.headers[protocolHeader];
		if (Array.isArray(value)) return null;
		let protocol: string;
		try {
			protocol = decodeURIComponent(value || 'https');
		} catch {
			return null;
		}
		return protocol.includes(':') ? null : protocol === 'https';
	};
}

/** The Set-Cookie of the csrf hook (SvelteKit's cookie serializer: this attribute order). */
/**
 * Open311 clients post forms server to server, with another Origin or none, and SvelteKit refuses
 * every cross-site form post before any hook runs (there is no per-route setting). For this one
 * address (the app's own CSRF check exempts it too, see hooks.server.ts) the request is marked as
 * coming from the app's origin, so SvelteKit lets it through to the endpoint, which checks the
 * api_key. Needs ORIGIN (as production does); without it the post stays refused.
 */
export function open311PostFromAnywhere(req: IncomingMessage, origin = config().ORIGIN): void {
	if (!origin || req.method !== 'POST') return;
	const path = (req.url ?? '').split('?')[0];
	if (path === '/open311/v2/requests.json') req.headers.origin = new URL(origin).origin;
}

export const csrfSetCookie = (value: string, https: boolean) =>
	`${CSRF_COOKIE}=${value}; Path=/; HttpOnly${https ? '; Secure' : ''}; SameSite=Lax`;

function joinWith(parts: Buffer[], token: string): Buffer {
	const glue = Buffer.from(token);
	const pieces: Buffer[] = [parts[0]];
	for (let i = 1; i < parts.length; i++) pieces.push(glue, parts[i]);
	return Buffer.concat(pieces);
}

/** The best-level encoding of a shared body, made once (off the main thread) and kept. */
async function encodedOnce(page: CachedPage, encoding: Encoding): Promise<Buffer> {
	const done = page.encoded[encoding];
	if (done) return done;
	page.encoding[encoding] ??= compressBest(page.parts[0], encoding).then((out) => {
		page.encoded[encoding] = out;
		return out;
	});
	try {
		return await page.encoding[encoding];
	} catch (err) {
		delete page.encoding[encoding];
		throw err;
	}
}

/** Headers in the order the slow path sends them (a Headers object iterates sorted). */
function sorted(headers: Map<string, string>) {
	const out: Record<string, string> = {};
	for (const name of [...headers.keys()].sort()) out[name] = headers.get(name)!;
	return out;
}

export function createPageResponder({
	db,
	origin = process.env.ORIGIN,
	protocolHeader = process.env.PROTOCOL_HEADER ?? ''
}: ResponderOptions): NodeResponder {
	const httpsOf = httpsDecider(origin, protocolHeader.toLowerCase());

	async function answer(
		req: IncomingMessage,
		res: ServerResponse,
		page: CachedPage,
		csrfCookie: string,
		path: string,
		started: number
	): Promise<boolean> {
		const https = httpsOf(req);
		if (https === null) return false;
		// Strict freshness: the version now, not the one the page was stored with.
		const generation = await currentGeneration(db).catch(() => null);
		if (!generation || generation.id !== page.generation) return false;

		let body: Buffer;
		let setCookie: string | null = null;
		if (page.parts.length === 1) {
			body = page.parts[0];
		} else {
			// A page with a form: this visitor's token, and a CSRF cookie for a new visitor.
			let cookie = csrfCookie;
			if (!cookie) {
				cookie = newCsrfCookieValue();
				setCookie = csrfSetCookie(cookie, https);
			}
			body = joinWith(page.parts, csrfTokenFor(cookie));
		}
		const encoding =
			page.compressible && body.length >= MIN_COMPRESS_BYTES
				? negotiateEncoding(req.headers['accept-encoding'] ?? null)
				: null;
		const etag = etagFor(page.parts.length === 1 ? page.etag : etagOf(body), encoding);

		let status = page.status;
		let headers: Map<string, string>;
		if (
			matchesEtag(req.headers['if-none-match'], etag) ||
			unchangedSince(
				req.headers['if-modified-since'],
				req.headers['if-none-match'],
				page.headers.find(([name]) => name === 'last-modified')?.[1]
			)
		) {
			// As compression.ts's notModified(): a few headers of the answer, then the outer hooks'.
			status = 304;
			headers = new Map([
				['etag', etag],
				['vary', page.vary]
			]);
			for (const [name, value] of page.headers) {
				if (NOT_MODIFIED_KEEPS.includes(name)) headers.set(name, value);
			}
		} else {
			headers = new Map(page.headers);
			headers.set('etag', etag);
			headers.set('vary', page.vary);
			if (encoding) {
				body =
					page.parts.length === 1
						? await encodedOnce(page, encoding)
						: Buffer.from(compress(body, encoding));
				headers.set('content-encoding', encoding);
			}
			headers.set('content-length', String(body.length));
		}
		const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined);
		headers.set('x-cache', 'hit');
		headers.set('x-request-id', requestId);
		setSecurityHeaders(headers, https);
		if (setCookie) headers.set('set-cookie', setCookie);
		res.writeHead(status, sorted(headers));
		res.end(status === 304 || req.method === 'HEAD' ? undefined : body);
		runInRequest(requestId, () =>
			logger.info(
				{ method: req.method, path, status, ms: Math.round(performance.now() - started) },
				'request'
			)
		);
		return true;
	}

	return (req, res, next) => {
		const started = performance.now();
		const { method, url } = req;
		if (method === 'POST') {
			open311PostFromAnywhere(req);
			return next();
		}
		if ((method !== 'GET' && method !== 'HEAD') || !LOCALE_FROM_COOKIE_ONLY) return next();
		// Only origin-form targets ("/path?query"), read as adapter-node does (origin + req.url).
		if (!url || url.charCodeAt(0) !== 0x2f) return next();
		let page: CachedPage | undefined;
		let target: URL;
		let cookies: { csrf: string } | null;
		try {
			const cookie = req.headers.cookie;
			cookies = sharedPageCookies(cookie);
			if (!cookies) return next();
			target = new URL(`http://x${url}`);
			page = findPage(cacheKey(localeOf(cookie), target));
		} catch {
			return next(); // whatever it is, SvelteKit decides
		}
		if (!page) return next();
		answer(req, res, page, cookies.csrf, target.pathname, started).then(
			(answered) => {
				if (!answered) next();
			},
			(err) => {
				if (res.headersSent) {
					res.destroy(err);
				} else {
					logger.warn({ err, path: target.pathname }, 'page cache answer failed');
					next();
				}
			}
		);
	};
}
