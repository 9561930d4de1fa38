import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueUserToken } from '../../../src/lib/server/auth/user-tokens';
import { createStaffUser } from '../../factories';
import { prepareDataDir } from '../contact-support';
import { startServer, type RunningServer } from '../server';

/**
 * A private server configured as in production behind an HTTPS proxy (ORIGIN=https://…) with
 * info-level logs: cookies must be Secure, HSTS sent, and the JSON request log must never contain
 * a password, token or cookie value that went through it.
 */
const ORIGIN = 'https://quartier.example';
const EMAIL = 'ops-admin@example.org';
const PASSWORD = 'Ops-Geheimes-Passwort-4711';

type Jar = Map<string, string>;

function remember(jar: Jar, res: Response) {
	for (const cookie of res.headers.getSetCookie()) {
		const [pair] = cookie.split(';');
		const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
		if (value) jar.set(name, value);
		else jar.delete(name);
	}
}

const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const setCookie = (res: Response, name: string) =>
	res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

describe('behind HTTPS, with info logs', () => {
	let server: RunningServer;
	let dataDir: string;
	let setPasswordToken: string;
	const jar: Jar = new Map();
	const secrets: string[] = [PASSWORD];

	async function get(urlPath: string) {
		const res = await fetch(`${server.url}${urlPath}`, {
			headers: { cookie: cookieHeader(jar), accept: 'text/html' },
			redirect: 'manual'
		});
		remember(jar, res);
		return res;
	}

	async function post(urlPath: string, fields: Record<string, string>) {
		const res = await fetch(`${server.url}${urlPath}`, {
			method: 'POST',
			headers: {
				cookie: cookieHeader(jar),
				origin: ORIGIN,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(fields),
			redirect: 'manual'
		});
		remember(jar, res);
		return res;
	}

	const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

	/** Where the page's form with that field posts to (pages may use named actions). */
	function actionOf(html: string, pagePath: string, field: string): string {
		const form = html
			.split('<form')
			.slice(1)
			.find((chunk) => chunk.split('</form>')[0].includes(`name="${field}"`));
		if (!form) throw new Error(`no form with a "${field}" field on ${pagePath}`);
		const action = /\saction="([^"]*)"/.exec(form.split('>')[0])?.[1] ?? '';
		const url = new URL(action.replace(/&amp;/g, '&'), `http://x${pagePath}`);
		return url.pathname + url.search;
	}

	beforeAll(async () => {
		// An admin waiting for the set-password link, as the admin CLI leaves one (auth-cli runs
		// the CLI itself; here it would only cost a process start).
		dataDir = await prepareDataDir(async (db) => {
			const { user } = await createStaffUser(db, {
				email: EMAIL,
				roles: ['admin'],
				password: null,
				session: false
			});
			setPasswordToken = (await issueUserToken(db, user.id, 'set_password')).token;
		});
		secrets.push(setPasswordToken);
		server = await startServer(
			{ ORIGIN, LOG_LEVEL: 'info', DATABASE_URL: '', SMTP_URL: '' },
			{ dataDir }
		);
	});

	afterAll(async () => {
		await server?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('sends HSTS and a Secure, HttpOnly, SameSite CSRF cookie', async () => {
		const res = await get('/');
		expect(res.status).toBe(200);
		expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
		const csrf = setCookie(res, 'csrf');
		expect(csrf).toMatch(/;\s*Secure/i);
		expect(csrf).toMatch(/;\s*HttpOnly/i);
		expect(csrf).toMatch(/;\s*SameSite=Lax/i);
	});

	it('sets the language cookie Secure and SameSite, and only redirects locally', async () => {
		const res = await get('/sprache/en?zurueck=%2Fkontakt');
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/kontakt');
		const lang = setCookie(res, 'lang');
		expect(lang).toMatch(/^lang=en;/);
		expect(lang).toMatch(/;\s*Secure/i);
		expect(lang).toMatch(/;\s*SameSite=Lax/i);
		const away = await get('/sprache/de?zurueck=%2F%2Fevil.example%2F');
		expect(away.headers.get('location')).toBe('/');
	});

	it('sets the session cookie Secure, HttpOnly and SameSite at login', async () => {
		const setPath = `/passwort-setzen?token=${setPasswordToken}`;
		const form = await get(setPath);
		expect(form.status).toBe(200);
		const formHtml = await form.text();
		const set = await post(actionOf(formHtml, setPath, 'password_repeat'), {
			_csrf: csrfIn(formHtml),
			password: PASSWORD,
			password_repeat: PASSWORD
		});
		expect(set.status, server.log().slice(-3000)).toBe(303);
		expect(set.headers.get('location')).toBe('/anmelden?hinweis=passwort');

		const login = await get('/anmelden');
		const loginHtml = await login.text();
		const res = await post(actionOf(loginHtml, '/anmelden', 'password'), {
			_csrf: csrfIn(loginHtml),
			email: EMAIL,
			password: PASSWORD
		});
		expect(res.status, server.log().slice(-3000)).toBe(303);
		const session = setCookie(res, 'session');
		expect(session).toBeDefined();
		expect(session).toMatch(/;\s*Secure/i);
		expect(session).toMatch(/;\s*HttpOnly/i);
		expect(session).toMatch(/;\s*SameSite=Lax/i);
		secrets.push(jar.get('session')!, jar.get('csrf')!);

		const backOffice = await get('/verwaltung');
		expect(backOffice.status).toBe(200);
	});

	it('logs one JSON line per request, without passwords, tokens or cookies', async () => {
		// A wrong password, a token in the query and a password with markup go through the log too.
		await post('/anmelden?/anmelden', {
			_csrf: 'falsch',
			email: EMAIL,
			password: `${PASSWORD}-falsch`
		});
		await get(`/passwort-setzen?token=${setPasswordToken}x`);
		// Log lines can arrive a moment after the response; once this one is there, all are.
		const marker = `/ops-log-marker-${Date.now()}`;
		await get(marker);
		await server.logLinesWith(`"path":"${marker}"`);

		const lines = server
			.log()
			.split('\n')
			.filter((line) => line.trim() !== '')
			// adapter-node's own start-up line is plain text; everything of ours is JSON.
			.filter((line) => !/^Listening on /.test(line));
		expect(lines.length).toBeGreaterThan(5);
		const entries = lines.map((line) => {
			try {
				return JSON.parse(line) as Record<string, unknown>;
			} catch {
				throw new Error(`log line is not JSON: ${line}`);
			}
		});
		const requests = entries.filter((e) => e.msg === 'request');
		expect(requests).toContainEqual(
			expect.objectContaining({ method: 'POST', path: '/anmelden', status: 303 })
		);
		expect(requests).toContainEqual(
			expect.objectContaining({ method: 'GET', path: '/passwort-setzen', status: 200 })
		);
		// The refused POST (wrong CSRF token) is logged as well.
		expect(requests).toContainEqual(
			expect.objectContaining({ method: 'POST', path: '/anmelden', status: 403 })
		);
		for (const request of requests) {
			expect(request).toEqual(
				expect.objectContaining({
					method: expect.any(String),
					path: expect.stringMatching(/^\//),
					status: expect.any(Number),
					level: expect.any(Number),
					time: expect.any(Number)
				})
			);
		}
		const log = server.log();
		for (const secret of secrets) {
			expect(secret.length).toBeGreaterThan(10);
			expect(log, 'a secret appears in the log').not.toContain(secret);
		}
		expect(log).not.toContain('token=');
	});
});
