import { describe, expect, it } from 'vitest';
import { HttpClient } from '../http';
import { baseUrl, emailFor, TEST_PASSWORD } from '../support';

/**
 * Operational behaviour of the shared test server: health, headers, cookies, 404, CSRF. The 404
 * page in the browser is browser/not-found-page.test.ts.
 */

const PAGES = ['/', '/quartiersmanagement', '/kontakt', '/anmelden', '/seite-gibt-es-nicht'];
const CSRF_TEXT = 'Aus Sicherheitsgründen konnten wir Ihre Eingabe nicht annehmen';

function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name.toLowerCase(), values])
	);
}

describe('health check', () => {
	it('answers 200 with JSON saying the app and the database are fine', async () => {
		const res = await fetch(`${baseUrl()}/healthz`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const body = await res.json();
		expect(body).toMatchObject({ status: 'ok', database: { status: 'ok' } });
		expect(['pglite', 'postgres']).toContain(body.database.driver);
		expect(body.database.driver).toBe(process.env.E2E_DATABASE_URL ? 'postgres' : 'pglite');
	});
});

describe('security headers', () => {
	it.each(PAGES)('%s sends a strict CSP and the other protective headers', async (path) => {
		const res = await fetch(`${baseUrl()}${path}`, { headers: { accept: 'text/html' } });
		expect([200, 404]).toContain(res.status);
		const csp = res.headers.get('content-security-policy');
		expect(csp, 'Content-Security-Policy').toBeTruthy();
		const d = directives(csp!);
		const scripts = d.get('script-src') ?? d.get('default-src');
		expect(scripts, 'script-src').toBeDefined();
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts).not.toContain("'unsafe-eval'");
		expect(scripts).not.toContain('*');
		expect(d.get('frame-ancestors')).toEqual(["'none'"]);
		expect(d.get('object-src')).toEqual(["'none'"]);
		expect(d.get('base-uri')).toEqual(["'self'"]);
		expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		// Plain http (the test server): no HSTS, which would be ignored or wrong here.
		expect(res.headers.get('strict-transport-security')).toBeNull();
	});
});

describe('request ids', () => {
	it('answers every request with an X-Request-Id, keeping a safe incoming one', async () => {
		const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
		const idOf = async (path: string, incoming?: string) =>
			(
				await fetch(`${baseUrl()}${path}`, {
					headers: incoming ? { 'x-request-id': incoming } : {}
				})
			).headers.get('x-request-id');
		const [first, second] = [await idOf('/'), await idOf('/')];
		expect(first).toMatch(uuid);
		expect(second).toMatch(uuid);
		expect(first).not.toBe(second);
		expect(await idOf('/seite-gibt-es-nicht')).toMatch(uuid);
		expect(await idOf('/', 'proxy-4711.abc')).toBe('proxy-4711.abc');
		expect(await idOf('/', `x${'y'.repeat(80)}`)).toMatch(uuid);
		expect(await idOf('/', 'a"b')).toMatch(uuid);
	});
});

describe('cookies over plain http', () => {
	it('sets the CSRF cookie HttpOnly and SameSite=Lax, not Secure on http', async () => {
		// A page with a form: a cached page without one sets no cookie (page-responder.ts).
		const res = await fetch(`${baseUrl()}/kontakt`);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('csrf='));
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
		expect(cookie).toMatch(/;\s*Path=\//i);
		// A Secure cookie would never come back over http, and every form would fail.
		expect(cookie).not.toMatch(/;\s*Secure/i);
	});

	it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
		const client = new HttpClient();
		const login = await client.submit(
			'/anmelden',
			{ email: emailFor('admin'), password: TEST_PASSWORD },
			'/anmelden?/anmelden'
		);
		expect(login.status).toBe(303);
		const cookies = login.headers.getSetCookie();
		const session = cookies.find((c) => c.startsWith('session='));
		expect(session, 'session cookie').toBeDefined();
		expect(session).toMatch(/;\s*HttpOnly/i);
		expect(session).toMatch(/;\s*SameSite=Lax/i);
		expect(session).toMatch(/;\s*Path=\/(;|$)/i);
		// A lasting cookie (SESSION_DAYS), not one that ends with the browser.
		const maxAge = Number(/;\s*Max-Age=(\d+)/i.exec(session!)?.[1] ?? 0);
		const expires = Date.parse(/;\s*Expires=([^;]+)/i.exec(session!)?.[1] ?? '');
		expect(maxAge > 0 || expires > Date.now(), session).toBe(true);
		for (const cookie of cookies) {
			expect(cookie, cookie.split('=')[0]).toMatch(/;\s*SameSite=(Lax|Strict)/i);
		}
	});
});

describe('404 page', () => {
	it('does not reflect the requested path unescaped', async () => {
		const res = await fetch(`${baseUrl()}/%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
		expect(res.status).toBe(404);
		expect(await res.text()).not.toContain('<script>alert(1)</script>');
	});
});

describe('CSRF protection', () => {
	it('refuses a POST without token with 403 and a German explanation', async () => {
		const client = new HttpClient();
		await client.get('/kontakt');
		const res = await client.post('/kontakt', { name: 'Anna' }, { csrf: false });
		expect(res.status).toBe(403);
		expect(res.body).toContain(CSRF_TEXT);
		expect(res.body).toMatch(/<html[^>]* lang="de"/);
	});

	it('refuses a token taken from another browser', async () => {
		const mine = new HttpClient();
		const theirs = new HttpClient();
		const foreign = await theirs.csrf();
		expect(foreign).toBeTruthy();
		expect(foreign).not.toBe(await mine.csrf());
		const res = await mine.post('/kontakt', { name: 'Anna', _csrf: foreign });
		expect(res.status).toBe(403);
		expect(res.body).toContain(CSRF_TEXT);
	});

	it('refuses a valid-looking token without its cookie', async () => {
		const client = new HttpClient();
		const token = await client.csrf();
		const res = await fetch(`${baseUrl()}/kontakt`, {
			method: 'POST',
			headers: { origin: baseUrl(), 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ _csrf: token, name: 'Anna' }),
			redirect: 'manual'
		});
		expect(res.status).toBe(403);
	});

	it('lets the same browser’s own token through (the check is not just refusing everything)', async () => {
		const client = new HttpClient();
		await client.get('/kontakt');
		const res = await client.post('/kontakt', {});
		expect(res.status).not.toBe(403);
		expect(res.status).toBeLessThan(500);
		expect(res.body).not.toContain(CSRF_TEXT);
	});

	it('refuses a form posted from another site even with a valid token', async () => {
		const client = new HttpClient();
		await client.get('/kontakt');
		const res = await client.post('/kontakt', { name: 'Anna' }, { origin: 'https://evil.example' });
		expect(res.status).toBe(403);
	});
});
