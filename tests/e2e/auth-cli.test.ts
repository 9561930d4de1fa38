import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { runAdminCommand, setPasswordTokenFrom } from '../helpers/users';
import { startServer, type RunningServer } from './server';
import { CHROMIUM } from './support';

/**
 * The admin CLI against a private server and data folder (the shared server's folder is in use):
 * create an admin, refuse to run while the server holds the folder, use the printed link.
 * The server runs with RATE_LIMIT_PER_MINUTE=2 to see the per-IP limits answer.
 */
describe('admin CLI and rate limits (private server)', () => {
	let browser: Browser;
	let server: RunningServer;
	let token: string;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-cli-e2e-'));

	beforeAll(async () => {
		const created = await runAdminCommand(
			['create', 'chefin@example.org', '--name', 'Chefin', '--roles', 'admin'],
			{ DATA_DIR: dataDir, DATABASE_URL: '' }
		);
		expect(created.code, created.stderr).toBe(0);
		expect(created.stdout).toContain('Konto angelegt: chefin@example.org (Rollen: admin)');
		expect(created.stdout).toMatch(/^http:\/\/localhost:3000\/passwort-setzen\?token=[\w-]+$/m);
		token = setPasswordTokenFrom(created.stdout);
		server = await startServer({ RATE_LIMIT_PER_MINUTE: '2', DATABASE_URL: '' }, { dataDir });
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox']
		});
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('refuses to open the data folder while the server runs, with a clear message', async () => {
		const result = await runAdminCommand(['list'], { DATA_DIR: dataDir, DATABASE_URL: '' });
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('Die Datenbank lässt sich nicht öffnen');
		expect(result.stdout).toContain(`is in use by process ${server.process.pid}`);
		expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
	});

	it('prints usage for unknown commands', async () => {
		const result = await runAdminCommand(['frobnicate'], { DATA_DIR: dataDir });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('npm run admin -- create');
	});

	it('lets the new admin set a password through the printed link and log in', async () => {
		const context = await browser.newContext({ baseURL: server.url, bypassCSP: true });
		const page = await context.newPage();
		await page.goto(`/passwort-setzen?token=${token}`);
		await expect(page.locator('main').innerText()).resolves.toContain('chefin@example.org');
		await page.fill('input[name="password"]', 'Chefin-Passwort-2025');
		await page.fill('input[name="password_repeat"]', 'Chefin-Passwort-2025');
		await Promise.all([
			page.waitForNavigation(),
			page.click('main form.form button[type="submit"]')
		]);
		expect(page.url()).toContain('/anmelden?hinweis=passwort');
		await page.fill('input[name="email"]', 'chefin@example.org');
		await page.fill('input[name="password"]', 'Chefin-Passwort-2025');
		await Promise.all([
			page.waitForNavigation(),
			page.click('main form.form button[type="submit"]')
		]);
		expect(new URL(page.url()).pathname).toBe('/verwaltung');
		await expect(page.goto('/verwaltung/konten').then((r) => r?.status())).resolves.toBe(200);
		await context.close();
	});

	it('answers too many login and reset requests from one address with 429 and a message', async () => {
		const context = await browser.newContext({ baseURL: server.url, bypassCSP: true });
		const page = await context.newPage();
		await page.goto('/anmelden');
		const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
		const post = async (url: string, form: Record<string, string>) => {
			const res = await page.request.post(url, {
				form: { _csrf: csrf, ...form },
				headers: { origin: server.url, accept: 'text/html' },
				maxRedirects: 0
			});
			return { status: res.status(), body: await res.text() };
		};
		// 5 × RATE_LIMIT_PER_MINUTE = 10 login posts a minute; one was used by the test above.
		const statuses: number[] = [];
		for (let i = 0; i < 10; i++) {
			statuses.push(
				(await post('/anmelden?/anmelden', { email: `x${i}@example.org`, password: 'falsch' }))
					.status
			);
		}
		expect(statuses.slice(0, 9)).toEqual(Array(9).fill(400));
		expect(statuses[9]).toBe(429);
		const limited = await post('/anmelden?/anmelden', {
			email: 'chefin@example.org',
			password: 'Chefin-Passwort-2025'
		});
		expect(limited.status).toBe(429);
		expect(limited.body).toContain('Sie haben in kurzer Zeit sehr viele Anfragen gesendet');

		const resets = [];
		for (let i = 0; i < 3; i++)
			resets.push(await post('/passwort-vergessen', { email: 'chefin@example.org' }));
		expect(resets.map((r) => r.status)).toEqual([200, 200, 429]);
		expect(resets[2].body).toContain('Bitte warten Sie 1 Minute(n)');

		const registrations = [];
		for (let i = 0; i < 3; i++)
			registrations.push(
				await post('/registrieren', { display_name: 'A', email: `r${i}@example.org` })
			);
		expect(registrations.map((r) => r.status)).toEqual([400, 400, 429]);
		await context.close();
	});
});
