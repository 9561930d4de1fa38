import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server';

/**
 * The page cache and HTTP caching against two app instances on one PostgreSQL database: an
 * edit (here straight in the database, as any instance's use case writes it) shows on the very
 * next request of both; pages with a form are shared, each visitor getting their own token,
 * nothing with a session is; compression, ETag/304 and static cache lifetimes. Needs PostgreSQL
 * like ops-database.test.ts.
 */
const ADMIN_URL = process.env.E2E_PG_ADMIN_URL || process.env.TEST_DATABASE_URL;

describe('caching with two instances on one PostgreSQL database', () => {
	let a: RunningServer;
	let b: RunningServer;
	let admin: pg.Client;
	let db: pg.Client;
	const name = `quartier_ops_cache_${process.pid}_${Date.now()}`;

	beforeAll(async () => {
		if (!ADMIN_URL)
			throw new Error('No PostgreSQL server for the cache test: set E2E_PG_ADMIN_URL.');
		admin = new pg.Client({ connectionString: ADMIN_URL });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = new URL(ADMIN_URL);
		url.pathname = `/${name}`;
		a = await startServer({ DATABASE_URL: url.toString() });
		b = await startServer({ DATABASE_URL: url.toString() });
		db = new pg.Client({ connectionString: url.toString() });
		await db.connect();
	});

	afterAll(async () => {
		await Promise.all([a?.stop(), b?.stop()]);
		await db?.end();
		if (admin) {
			await admin.query(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});

	const get = (server: RunningServer, path: string, headers: Record<string, string> = {}) =>
		fetch(`${server.url}${path}`, { headers: { accept: 'text/html', ...headers } });
	const officeName = async (server: RunningServer) =>
		/site-header__brand"[^>]*>\s*([^<]+)/.exec(await (await get(server, '/')).text())?.[1].trim();

	it('shows an edit on the very next request of every instance', async () => {
		await get(a, '/');
		expect((await get(a, '/')).headers.get('x-cache')).toBe('hit');
		await get(b, '/');
		await db.query(`update site_settings set office_name = 'Büro Eins' where id = 1`);
		expect(await officeName(a)).toBe('Büro Eins');
		expect(await officeName(b)).toBe('Büro Eins');
		await db.query(`update site_settings set office_name = 'Büro Zwei' where id = 1`);
		expect(await officeName(b)).toBe('Büro Zwei');
		expect(await officeName(a)).toBe('Büro Zwei');
	});

	it('shows a notice when its time comes, without an edit', async () => {
		await db.query(
			`insert into notices (title, body, priority, starts_at) values ('Bald geschlossen', 'x', 'important', now() + interval '2 seconds')`
		);
		expect(await (await get(a, '/')).text()).not.toContain('Bald geschlossen');
		expect((await get(a, '/')).headers.get('x-cache')).toBe('hit');
		await new Promise((r) => setTimeout(r, 2500));
		expect(await (await get(a, '/')).text()).toContain('Bald geschlossen');
	});

	it('shares a page with a form but never its token, nor anything with a session cookie', async () => {
		await get(a, '/kontakt');
		const first = await get(a, '/kontakt');
		const second = await get(a, '/kontakt');
		expect(second.headers.get('x-cache')).toBe('hit');
		const token = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
		const [t1, t2] = [token(await first.text()), token(await second.text())];
		expect(t1).toBeDefined();
		expect(t1).not.toBe(t2);
		// Each new visitor still gets a CSRF cookie of their own with the form.
		expect(first.headers.get('set-cookie')).toMatch(/^csrf=/);
		expect(second.headers.get('set-cookie')).toMatch(/^csrf=/);
		expect(first.headers.get('set-cookie')).not.toBe(second.headers.get('set-cookie'));
		await get(a, '/');
		const withSession = await get(a, '/', { cookie: 'session=irgendwas' });
		expect(withSession.headers.get('x-cache')).toBeNull();
	});

	it('compresses pages and feeds, and answers 304 to a matching ETag', async () => {
		for (const path of ['/', '/kontakt', '/aktuelles/feed.xml']) {
			const plain = await get(a, path, { 'accept-encoding': 'identity' });
			const text = await plain.text();
			for (const encoding of ['br', 'gzip']) {
				const res = await fetch(`${a.url}${path}`, { headers: { 'accept-encoding': encoding } });
				expect(res.headers.get('content-encoding'), `${path} ${encoding}`).toBe(encoding);
				expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
				// fetch decodes by itself: the same page (/kontakt differs by its CSRF token).
				if (path !== '/kontakt') expect(await res.text()).toBe(text);
			}
		}
		const page = await get(a, '/aktuelles', { 'accept-encoding': 'br' });
		const etag = page.headers.get('etag');
		expect(etag).toMatch(/^"[\w-]+-br"$/);
		const again = await get(a, '/aktuelles', { 'accept-encoding': 'br', 'if-none-match': etag! });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
	});

	it('caches stylesheets for an hour with an ETag, and hashed assets for a year', async () => {
		const css = await fetch(`${a.url}/styles/app.css`, { headers: { 'accept-encoding': 'br' } });
		expect(css.status).toBe(200);
		expect(css.headers.get('cache-control')).toMatch(/max-age=3600/);
		expect(css.headers.get('content-encoding')).toBe('br');
		const etag = css.headers.get('etag');
		expect(etag).toBeTruthy();
		const again = await fetch(`${a.url}/styles/app.css`, {
			headers: { 'accept-encoding': 'br', 'if-none-match': etag! }
		});
		expect(again.status).toBe(304);
	});
});
