import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '../db/client';
import { logger } from '../logger';
import { currentRequestId } from '../request-context';
import { csrfTokenFor, isValidCsrfToken } from '../security/csrf';
import { currentGeneration, resetContentCache } from './content-cache';
import { cacheKey, clearPages, keepPage, MAX_ENTRIES, sharedPageCookies } from './page-cache';
import { createPageResponder, csrfSetCookie } from './page-responder';
import { DEFAULT_CSP } from './security-headers';

/**
 * The fast path of the page cache on a real Node HTTP server: pages stored as the hook stores
 * them, answered by the responder, everything else passed on to "SvelteKit" (here a handler that
 * answers 299 so a test sees which way a request went).
 */

const SLOW = 299;
const PAGE_CSP = "default-src 'self'; script-src 'self' 'sha256-abc'";
// Long enough to be compressed (MIN_COMPRESS_BYTES).
const filler = '<p>Kaster Quartiersbüro, Öffnungszeiten und Wege.</p>\n'.repeat(40);

let database: Database;
const servers: http.Server[] = [];
/** What the responder logged (instead of stdout), with the request id pino's mixin adds. */
const logged: Record<string, unknown>[] = [];

async function serve(options: { origin?: string; protocolHeader?: string } = {}) {
	const respond = createPageResponder({
		db: database.db,
		origin: 'http://127.0.0.1',
		...options
	});
	const server = http.createServer((req, res) =>
		respond(req, res, () => {
			res.writeHead(SLOW, { 'content-type': 'text/plain' });
			res.end('slow path');
		})
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	servers.push(server);
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	rawHeaders: string[];
	body: Buffer;
	text: string;
}

function request(
	base: string,
	path: string,
	{ method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request(`${base}${path}`, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				resolve({
					status: res.statusCode!,
					headers: res.headers,
					rawHeaders: res.rawHeaders,
					body,
					text: body.toString()
				});
			});
		});
		req.on('error', reject);
		req.end();
	});
}

/** Stores a page as the page-cache hook does after SvelteKit rendered it for a visitor. */
async function store(
	path: string,
	body: string,
	{
		locale = 'de',
		token = '',
		cookie,
		headers = {}
	}: { locale?: string; token?: string; cookie?: string; headers?: Record<string, string> } = {}
) {
	const generation = await currentGeneration(database.db);
	const all: Record<string, string> = {
		'content-type': 'text/html',
		'content-security-policy': PAGE_CSP,
		etag: '"page1"',
		'x-sveltekit-page': 'true',
		...headers
	};
	// '' leaves a header out.
	const response = new Response(body, {
		headers: Object.entries(all).filter(([, value]) => value !== '')
	});
	await keepPage(cacheKey(locale, new URL(`http://x${path}`)), generation!.id, response, {
		csrfToken: token,
		csrfCookie: cookie
	});
}

const tokensIn = (html: string) => [...html.matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
const setCookieOf = (answer: Answer) => answer.headers['set-cookie'] ?? [];
const csrfCookieOf = (answer: Answer) =>
	/^csrf=([^;]+)/.exec(setCookieOf(answer)[0] ?? '')?.[1] ?? '';

beforeAll(async () => {
	database = await createTestDatabase();
	vi.spyOn(logger, 'info').mockImplementation(((fields: object, msg: string) => {
		logged.push({ ...fields, msg, requestId: currentRequestId() });
	}) as never);
});

afterAll(async () => {
	vi.restoreAllMocks();
	await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
	await database?.close();
});

beforeEach(() => {
	resetContentCache();
	clearPages();
});

describe('which requests get a cached page', () => {
	let base: string;
	beforeAll(async () => {
		base = await serve();
	});

	it('answers a plain GET for a stored page, and passes unknown pages on', async () => {
		await store('/aktuelles', `<h1>Aktuelles</h1>${filler}`);
		const hit = await request(base, '/aktuelles');
		expect(hit.status).toBe(200);
		expect(hit.headers['x-cache']).toBe('hit');
		expect(hit.text).toBe(`<h1>Aktuelles</h1>${filler}`);
		expect((await request(base, '/kontakt')).status).toBe(SLOW);
	});

	it.each([
		['a session cookie', { cookie: 'session=abc' }],
		['an unknown cookie', { cookie: 'csrf=abc; tracking=1' }],
		['a cookie without a value', { cookie: 'lang=de; stray' }],
		['a CSRF cookie SvelteKit would decode', { cookie: 'csrf=a%20b' }]
	])('passes a request with %s on', async (_, headers) => {
		await store('/aktuelles', filler);
		expect((await request(base, '/aktuelles', { headers })).status).toBe(SLOW);
	});

	it('answers with the CSRF and the language cookie, in any order', async () => {
		await store('/aktuelles', filler);
		const res = await request(base, '/aktuelles', { headers: { cookie: 'lang=de; csrf=abc_-9;' } });
		expect(res.status).toBe(200);
	});

	it('passes POST and other methods on', async () => {
		await store('/aktuelles', filler);
		for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
			expect((await request(base, '/aktuelles', { method })).status, method).toBe(SLOW);
		}
	});

	it('never answers a data request with the page (/__data.json)', async () => {
		await store('/aktuelles', filler);
		expect((await request(base, '/aktuelles/__data.json')).status).toBe(SLOW);
		expect((await request(base, '/aktuelles/__data.json?x-sveltekit-invalidated=01')).status).toBe(
			SLOW
		);
	});

	it('keeps query strings apart', async () => {
		await store('/aktuelles?seite=2', 'Seite 2');
		expect((await request(base, '/aktuelles')).status).toBe(SLOW);
		expect((await request(base, '/aktuelles?seite=3')).status).toBe(SLOW);
		expect((await request(base, '/aktuelles?seite=2')).text).toBe('Seite 2');
	});

	it('reads the path as adapter-node does: "//host/path" is not "/path"', async () => {
		await store('/path', 'page');
		expect((await request(base, '//evil.example/path')).status).toBe(SLOW);
	});

	it('picks the page of the language cookie, else German', async () => {
		await store('/kontakt', 'Kontakt', { locale: 'de' });
		expect((await request(base, '/kontakt', { headers: { cookie: 'lang=en' } })).status).toBe(SLOW);
		await store('/kontakt', 'Contact', { locale: 'en' });
		expect((await request(base, '/kontakt', { headers: { cookie: 'lang=en' } })).text).toBe(
			'Contact'
		);
		expect((await request(base, '/kontakt')).text).toBe('Kontakt');
		// An unknown language falls back to German, as paraglide's middleware decides.
		expect((await request(base, '/kontakt', { headers: { cookie: 'lang=xx' } })).text).toBe(
			'Kontakt'
		);
	});

	it('serves only pages of the current content version', async () => {
		await store('/aktuelles', filler);
		expect((await request(base, '/aktuelles')).status).toBe(200);
		await database.db.execute(sql`update content_version set version = version + 1 where id = 1`);
		expect((await request(base, '/aktuelles')).status).toBe(SLOW);
	});

	it('passes requests on while the content version cannot be read', async () => {
		await store('/aktuelles', filler);
		await database.db.execute(sql`alter table content_version rename to content_version_away`);
		try {
			expect((await request(base, '/aktuelles')).status).toBe(SLOW);
		} finally {
			await database.db.execute(sql`alter table content_version_away rename to content_version`);
		}
		expect((await request(base, '/aktuelles')).status).toBe(200);
	});
});

describe('what a hit sends', () => {
	let base: string;
	beforeAll(async () => {
		base = await serve();
	});

	it('the headers of the slow path: security headers, request id, Vary, ETag, length', async () => {
		await store('/aktuelles', filler);
		const res = await request(base, '/aktuelles');
		expect(res.headers).toMatchObject({
			'content-type': 'text/html',
			'content-security-policy': PAGE_CSP,
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'strict-origin-when-cross-origin',
			'x-frame-options': 'DENY',
			'cross-origin-opener-policy': 'same-origin',
			'permissions-policy': expect.stringContaining('camera=()'),
			vary: 'Cookie, Accept-Encoding',
			etag: '"page1"',
			'content-length': String(Buffer.byteLength(filler)),
			'x-sveltekit-page': 'true'
		});
		// Plain http: no HSTS; no cookie for a page without a form.
		expect(res.headers['strict-transport-security']).toBeUndefined();
		expect(res.headers['set-cookie']).toBeUndefined();
		// Sorted, lower case, as Node writes a Headers object of the slow path.
		const names = res.rawHeaders.filter((_, i) => i % 2 === 0);
		const ours = names.filter((n) => !['Date', 'Connection', 'Keep-Alive'].includes(n));
		expect(ours).toEqual([...ours].sort());
	});

	it('is logged like every request: method, path (without query), status, time, request id', async () => {
		await store('/aktuelles?seite=2', filler);
		logged.length = 0;
		const res = await request(base, '/aktuelles?seite=2');
		const notModified = await request(base, '/aktuelles?seite=2', {
			method: 'HEAD',
			headers: { 'if-none-match': '"page1"' }
		});
		expect(logged).toEqual([
			{
				method: 'GET',
				path: '/aktuelles',
				status: 200,
				ms: expect.any(Number),
				msg: 'request',
				requestId: res.headers['x-request-id']
			},
			expect.objectContaining({
				method: 'HEAD',
				status: 304,
				requestId: notModified.headers['x-request-id']
			})
		]);
	});

	it('a fresh X-Request-Id per request, keeping a safe incoming one', async () => {
		await store('/aktuelles', filler);
		const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
		const [a, b] = [await request(base, '/aktuelles'), await request(base, '/aktuelles')];
		expect(a.headers['x-request-id']).toMatch(uuid);
		expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
		const kept = await request(base, '/aktuelles', { headers: { 'x-request-id': 'proxy-42' } });
		expect(kept.headers['x-request-id']).toBe('proxy-42');
		const replaced = await request(base, '/aktuelles', {
			headers: { 'x-request-id': 'evil"\\u000a{}' }
		});
		expect(replaced.headers['x-request-id']).toMatch(uuid);
	});

	it('the default CSP for answers without their own (feeds), and HSTS on https', async () => {
		const https = await serve({ origin: 'https://quartier.example' });
		await store('/aktuelles/feed.xml', '<feed/>', {
			headers: { 'content-type': 'application/atom+xml', 'content-security-policy': '' }
		});
		await store('/aktuelles', filler);
		const feed = await request(https, '/aktuelles/feed.xml');
		expect(feed.headers['content-security-policy']).toBe(DEFAULT_CSP);
		expect(feed.headers['strict-transport-security']).toMatch(/max-age=31536000/);
		expect((await request(https, '/aktuelles')).headers['content-security-policy']).toBe(PAGE_CSP);
	});

	it('decides https by the protocol header when there is no ORIGIN, as adapter-node does', async () => {
		const proxied = await serve({ origin: '', protocolHeader: 'X-Forwarded-Proto' });
		await store('/aktuelles', filler);
		const http1 = await request(proxied, '/aktuelles', {
			headers: { 'x-forwarded-proto': 'http' }
		});
		expect(http1.headers['strict-transport-security']).toBeUndefined();
		const https1 = await request(proxied, '/aktuelles', {
			headers: { 'x-forwarded-proto': 'https' }
		});
		expect(https1.headers['strict-transport-security']).toBeDefined();
		// adapter-node refuses such a header; so does the fast path (SvelteKit answers).
		const odd = await request(proxied, '/aktuelles', {
			headers: { 'x-forwarded-proto': 'https:x' }
		});
		expect(odd.status).toBe(SLOW);
	});

	it('304 for a matching If-None-Match, with the headers a 304 keeps', async () => {
		await store('/aktuelles', filler);
		const res = await request(base, '/aktuelles', { headers: { 'if-none-match': '"page1"' } });
		expect(res.status).toBe(304);
		expect(res.body.length).toBe(0);
		expect(res.headers).toMatchObject({
			etag: '"page1"',
			vary: 'Cookie, Accept-Encoding',
			'x-content-type-options': 'nosniff',
			// The slow path's 304 has lost the page's policy and gets the default one.
			'content-security-policy': DEFAULT_CSP
		});
		expect(res.headers['x-request-id']).toBeDefined();
		expect(res.headers['content-type']).toBeUndefined();
		const stale = await request(base, '/aktuelles', { headers: { 'if-none-match': '"old"' } });
		expect(stale.status).toBe(200);
	});

	it('HEAD: the headers of GET without the body', async () => {
		await store('/aktuelles', filler);
		const get = await request(base, '/aktuelles', { headers: { 'accept-encoding': 'br' } });
		const head = await request(base, '/aktuelles', {
			method: 'HEAD',
			headers: { 'accept-encoding': 'br' }
		});
		expect(head.status).toBe(200);
		expect(head.body.length).toBe(0);
		for (const name of ['content-length', 'content-encoding', 'etag', 'content-type', 'vary']) {
			expect(head.headers[name], name).toBe(get.headers[name]);
		}
	});

	it('brotli or gzip as accepted, with an ETag per encoding; small pages as they are', async () => {
		await store('/aktuelles', filler);
		await store('/klein', '<p>klein</p>');
		const br = await request(base, '/aktuelles', { headers: { 'accept-encoding': 'gzip, br' } });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.etag).toBe('"page1-br"');
		expect(Number(br.headers['content-length'])).toBe(br.body.length);
		expect(zlib.brotliDecompressSync(br.body).toString()).toBe(filler);
		const gzip = await request(base, '/aktuelles', { headers: { 'accept-encoding': 'gzip' } });
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gzip.headers.etag).toBe('"page1-gzip"');
		expect(zlib.gunzipSync(gzip.body).toString()).toBe(filler);
		const none = await request(base, '/aktuelles', {
			headers: { 'accept-encoding': 'br;q=0, gzip;q=0' }
		});
		expect(none.headers['content-encoding']).toBeUndefined();
		expect(none.text).toBe(filler);
		const small = await request(base, '/klein', { headers: { 'accept-encoding': 'br' } });
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(small.headers.vary).toBe('Cookie, Accept-Encoding');
		const notModified = await request(base, '/aktuelles', {
			headers: { 'accept-encoding': 'br', 'if-none-match': '"page1-br"' }
		});
		expect(notModified.status).toBe(304);
	});
});

describe('pages with a form: every visitor gets their own CSRF token', () => {
	const STORED_COOKIE = 'storingVisitorCookie0123456789abcdef';
	const STORED_TOKEN = csrfTokenFor(STORED_COOKIE);
	const form = (token: string) =>
		`<form method="post"><input type="hidden" name="_csrf" value="${token}" />${filler}</form>` +
		`<form method="post" action="/abmelden"><input type="hidden" name="_csrf" value="${token}" /></form>`;
	let base: string;
	beforeAll(async () => {
		base = await serve();
	});
	beforeEach(async () => {
		await store('/kontakt', form(STORED_TOKEN), { token: STORED_TOKEN, cookie: STORED_COOKIE });
	});

	it('a new visitor gets a new CSRF cookie and the token that belongs to it', async () => {
		const res = await request(base, '/kontakt');
		expect(res.status).toBe(200);
		expect(res.headers['x-cache']).toBe('hit');
		const cookie = csrfCookieOf(res);
		expect(cookie).toMatch(/^[\w-]{32}$/);
		expect(setCookieOf(res)).toEqual([csrfSetCookie(cookie, false)]);
		expect(setCookieOf(res)[0]).toBe(`csrf=${cookie}; Path=/; HttpOnly; SameSite=Lax`);
		const tokens = tokensIn(res.text);
		expect(tokens).toEqual([csrfTokenFor(cookie), csrfTokenFor(cookie)]);
		expect(isValidCsrfToken(cookie, tokens[0])).toBe(true);
		expect(res.text).toBe(form(csrfTokenFor(cookie)));
		expect(res.headers['content-length']).toBe(String(res.body.length));
	});

	it('two new visitors get different cookies and tokens, never the stored one', async () => {
		const [a, b] = [await request(base, '/kontakt'), await request(base, '/kontakt')];
		expect(csrfCookieOf(a)).not.toBe(csrfCookieOf(b));
		expect(tokensIn(a.text)[0]).not.toBe(tokensIn(b.text)[0]);
		for (const res of [a, b]) {
			expect(res.text).not.toContain(STORED_TOKEN);
			expect(res.text).not.toContain(STORED_COOKIE);
		}
		expect(a.text).not.toContain(tokensIn(b.text)[0]);
		expect(b.text).not.toContain(tokensIn(a.text)[0]);
	});

	it('a visitor with a CSRF cookie gets the token of that cookie and no new cookie', async () => {
		const res = await request(base, '/kontakt', { headers: { cookie: 'csrf=mine_123; lang=de' } });
		expect(res.headers['x-cache']).toBe('hit');
		expect(res.headers['set-cookie']).toBeUndefined();
		expect(tokensIn(res.text)).toEqual([csrfTokenFor('mine_123'), csrfTokenFor('mine_123')]);
		expect(res.text).not.toContain(STORED_TOKEN);
		// The first of two CSRF cookies counts, as SvelteKit reads them.
		const two = await request(base, '/kontakt', { headers: { cookie: 'csrf=first; csrf=second' } });
		expect(tokensIn(two.text)[0]).toBe(csrfTokenFor('first'));
	});

	it('the cookie is Secure on https', async () => {
		const https = await serve({ origin: 'https://quartier.example' });
		const res = await request(https, '/kontakt');
		expect(setCookieOf(res)[0]).toBe(
			`csrf=${csrfCookieOf(res)}; Path=/; HttpOnly; Secure; SameSite=Lax`
		);
	});

	it('compressed per visitor, with an ETag of the visitor’s own page; 304 for that visitor', async () => {
		const headers = { cookie: 'csrf=mine_123', 'accept-encoding': 'br' };
		const res = await request(base, '/kontakt', { headers });
		expect(res.headers['content-encoding']).toBe('br');
		expect(zlib.brotliDecompressSync(res.body).toString()).toBe(form(csrfTokenFor('mine_123')));
		const etag = res.headers.etag!;
		expect(etag).toMatch(/^"[\w-]+-br"$/);
		expect(etag).not.toBe('"page1-br"');
		const again = await request(base, '/kontakt', {
			headers: { ...headers, 'if-none-match': etag }
		});
		expect(again.status).toBe(304);
		const other = await request(base, '/kontakt', {
			headers: { cookie: 'csrf=other', 'accept-encoding': 'br', 'if-none-match': etag }
		});
		expect(other.status).toBe(200);
	});

	it('HEAD sends the cookie and the length, not the page', async () => {
		const res = await request(base, '/kontakt', { method: 'HEAD' });
		expect(res.body.length).toBe(0);
		expect(csrfCookieOf(res)).not.toBe('');
		expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(form(csrfTokenFor('x'))));
	});
});

describe('storing', () => {
	it('does not keep personal or unusual answers', async () => {
		const base = await serve();
		const cases: [string, Record<string, string>, number?][] = [
			['/privat', { 'cache-control': 'private' }],
			['/nie', { 'cache-control': 'no-store' }],
			// JSON is kept since the public events API opts in (application/json is shareable).
			['/pdf', { 'content-type': 'application/pdf' }],
			['/sitzung', { 'set-cookie': 'session=abc; Path=/' }]
		];
		for (const [path, headers] of cases) await store(path, filler, { headers });
		const generation = await currentGeneration(database.db);
		await keepPage(
			cacheKey('de', new URL('http://x/fehlt')),
			generation!.id,
			new Response(filler, { status: 404, headers: { 'content-type': 'text/html' } }),
			{ csrfToken: '', csrfCookie: undefined }
		);
		for (const path of [...cases.map(([p]) => p), '/fehlt']) {
			expect((await request(base, path)).status, path).toBe(SLOW);
		}
		// A page that shows the visitor's cookie itself is not shared (it never should show it).
		await store('/zeigt-cookie', `<p>cookie-value-1</p>`, { cookie: 'cookie-value-1' });
		expect((await request(base, '/zeigt-cookie')).status).toBe(SLOW);
	});

	it('keeps at most MAX_ENTRIES pages, dropping the oldest', async () => {
		const base = await serve();
		for (let i = 0; i <= MAX_ENTRIES; i++) await store(`/seite-${i}`, `Seite ${i}`);
		expect((await request(base, '/seite-0')).status).toBe(SLOW);
		expect((await request(base, '/seite-1')).status).toBe(200);
		expect((await request(base, `/seite-${MAX_ENTRIES}`)).status).toBe(200);
	});
});

describe('sharedPageCookies', () => {
	it.each([
		[undefined, { csrf: '' }],
		['', { csrf: '' }],
		['lang=en', { csrf: '' }],
		['csrf=abc', { csrf: 'abc' }],
		[' csrf=abc ; lang=de ;', { csrf: 'abc' }],
		['csrf=abc; csrf=def', { csrf: 'abc' }],
		['session=x', null],
		['csrf=abc; session=x', null],
		['Csrf=abc', null],
		['csrf="abc"', null],
		['csrf=', null],
		['=x', null],
		['lonely', null]
	])('%j → %j', (header, expected) => {
		expect(sharedPageCookies(header)).toEqual(expected);
	});
});
