import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueUserToken } from '../../../src/lib/server/auth/user-tokens';
import { createStaffUser } from '../../factories';
import { berlinLocal } from '../content-support';
import { prepareDataDir } from '../contact-support';
import { csrfIn, HttpClient, mainText } from '../http';
import { startServer, type RunningServer } from '../server';

/**
 * The page cache's fast path (src/lib/server/ops/page-responder.ts) in the built server: cached
 * pages are answered before SvelteKit, pages with a form included, each visitor with their own
 * CSRF token. A private server (PGlite, info logs) so a staff edit cannot disturb other files.
 */
describe('cached pages in the built server', () => {
	let server: RunningServer;
	let dataDir: string;
	let staffCookie: string;
	let setPasswordToken: string;

	beforeAll(async () => {
		dataDir = await prepareDataDir(async (db) => {
			staffCookie = (await createStaffUser(db, { roles: ['content'] })).cookie;
			const newcomer = await createStaffUser(db, { email: 'neu@example.org', password: null });
			setPasswordToken = (await issueUserToken(db, newcomer.user.id, 'set_password')).token;
		});
		server = await startServer({ LOG_LEVEL: 'info', DATABASE_URL: '' }, { dataDir });
	});

	afterAll(async () => {
		await server?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	const get = (path: string, headers: Record<string, string> = {}) =>
		fetch(`${server.url}${path}`, { headers: { accept: 'text/html', ...headers } });

	/** Asks until the page comes from the cache (the first request renders and stores it). */
	async function cached(path: string) {
		await get(path);
		const res = await get(path);
		expect(res.headers.get('x-cache'), path).toBe('hit');
		return res;
	}

	it('shows a staff edit on the very next anonymous request', async () => {
		await cached('/');
		const name = `Sommerfest ${Date.now()}`;
		const [session, value] = staffCookie.split('=');
		const editor = new HttpClient(server.url, { [session]: value });
		const created = await editor.post('/verwaltung/hinweise/neu', {
			title: name,
			body: 'Alle sind eingeladen.',
			priority: 'important',
			startsAt: berlinLocal(new Date(Date.now() - 60_000)),
			endsAt: ''
		});
		expect(created.status, mainText(created.body)).toBe(303);
		const next = await get('/');
		expect(next.headers.get('x-cache')).toBeNull();
		expect(await next.text()).toContain(name);
		expect(await (await cached('/')).text()).toContain(name);
	});

	it('gives every new visitor of a cached form their own cookie and token', async () => {
		await cached('/kontakt');
		const [a, b] = [await get('/kontakt'), await get('/kontakt')];
		const [htmlA, htmlB] = [await a.text(), await b.text()];
		for (const res of [a, b]) {
			expect(res.headers.get('x-cache')).toBe('hit');
			expect(res.headers.getSetCookie()[0]).toMatch(
				/^csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/
			);
		}
		expect(a.headers.getSetCookie()[0]).not.toBe(b.headers.getSetCookie()[0]);
		expect(csrfIn(htmlA)).not.toBe('');
		expect(csrfIn(htmlA)).not.toBe(csrfIn(htmlB));
		expect(htmlA).not.toContain(csrfIn(htmlB));
	});

	it('takes the contact form of a cached page after a cached start page', async () => {
		await cached('/');
		await cached('/kontakt');
		const visitor = new HttpClient(server.url);
		const start = await visitor.get('/');
		expect(start.headers.get('x-cache')).toBe('hit');
		// A page without a form sets no cookie; the form page brings one with its token.
		expect(visitor.jar.has('csrf')).toBe(false);
		const form = await visitor.get('/kontakt');
		expect(form.headers.get('x-cache')).toBe('hit');
		expect(visitor.jar.has('csrf')).toBe(true);
		const sent = await visitor.post('/kontakt', {
			name: 'Erika',
			email: 'erika@example.org',
			recipient: 'buero',
			subject: '',
			message: 'Hallo aus dem Cache'
		});
		expect(sent.status, mainText(sent.body)).toBe(303);
		expect(sent.location).toBe('/kontakt/danke');
		// Once more with the cookie it has now: the cached form carries the matching token.
		const again = await visitor.get('/kontakt');
		expect(again.headers.get('x-cache')).toBe('hit');
		expect(again.headers.getSetCookie()).toEqual([]);
		const second = await visitor.post('/kontakt', {
			name: 'Erika',
			email: 'erika@example.org',
			recipient: 'buero',
			subject: '',
			message: 'Noch einmal'
		});
		expect(second.status, mainText(second.body)).toBe(303);
	});

	it('shares only pages that say so: never a link with a token or a prefilled form', async () => {
		for (const path of ['/', '/aktuelles', '/kontakt', '/impressum', '/anmelden'])
			await cached(path);
		// Whether a token link still works is not content the cache can follow: once used, the
		// link must say so on the very next request.
		const link = `/passwort-setzen?token=${setPasswordToken}`;
		expect((await get(link)).status).toBe(200);
		const again = await get(link);
		expect(again.status).toBe(200);
		expect(again.headers.get('x-cache'), link).toBeNull();
		const visitor = new HttpClient(server.url);
		const set = await visitor.submit(link, {
			password: 'Ein-Neues-Passwort-2026',
			password_repeat: 'Ein-Neues-Passwort-2026'
		});
		expect(set.status).toBe(303);
		expect((await get(link)).status).toBe(400);
		// Prefilled from the Referer: rendered for each visitor.
		await get('/barrierefreiheit');
		expect((await get('/barrierefreiheit')).headers.get('x-cache')).toBeNull();
	});

	it('answers a data request with data, not with the cached page', async () => {
		await cached('/aktuelles');
		const data = await get('/aktuelles/__data.json', { accept: '*/*' });
		expect(data.headers.get('x-cache')).toBeNull();
		expect(data.headers.get('content-type')).not.toMatch(/text\/html/);
	});

	it('logs a hit like any request, with the id it answered with', async () => {
		const res = await cached('/aktuelles');
		const id = res.headers.get('x-request-id')!;
		const [line] = await server.logLinesWith(`"requestId":"${id}"`);
		expect(JSON.parse(line)).toMatchObject({
			requestId: id,
			method: 'GET',
			path: '/aktuelles',
			status: 200,
			msg: 'request'
		});
	});
});
