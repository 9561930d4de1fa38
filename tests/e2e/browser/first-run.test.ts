import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../server';
import { launchBrowser, logIn, submit } from '../support';

/**
 * The first run as the README describes it: start on an empty data folder, follow the one-time
 * link the server prints, create the first administrator, set the password, log in, fill in the
 * office's data and see it on the public site. A private server: the shared one has an admin.
 */
describe('first run', () => {
	let browser: Browser;
	let server: RunningServer;

	beforeAll(async () => {
		[server, browser] = await Promise.all([
			startServer({ DATABASE_URL: '', LOG_LEVEL: 'warn' }),
			launchBrowser()
		]);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('goes from an empty folder to the office data on the public page', async () => {
		const printed = server.log().match(/http:\/\/\S+\/einrichten\?token=[\w-]+/)?.[0];
		expect(printed, server.log()).toBeDefined();
		const setupPath = new URL(printed!).pathname + new URL(printed!).search;

		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		// A wrong token shows nothing of the form.
		expect((await page.goto('/einrichten?token=falsch'))?.status()).toBe(403);

		expect((await page.goto(setupPath))?.status()).toBe(200);
		await expect(page.locator('h1').innerText()).resolves.toBe('Quartier einrichten');
		// The form says what is missing, keeping the input.
		await page.fill('input[name="display_name"]', 'Erste Chefin');
		await submit(page);
		await expect(
			page.locator('.error-summary, [role="alert"]').first().innerText()
		).resolves.toMatch(/E-Mail/);
		await expect(page.inputValue('input[name="display_name"]')).resolves.toBe('Erste Chefin');
		await page.fill('input[name="email"]', 'chefin@example.org');
		await submit(page);
		expect(new URL(page.url()).pathname).toBe('/passwort-setzen');
		const setPasswordPath = new URL(page.url()).pathname + new URL(page.url()).search;
		expect((await page.goto(setPasswordPath))?.status()).toBe(200);
		await page.fill('input[name="password"]', 'Erstes-Passwort-2026');
		await page.fill('input[name="password_repeat"]', 'Erstes-Passwort-2026');
		await submit(page);
		expect(page.url()).toMatch(/\/anmelden\?hinweis=passwort/);

		// The setup link is used up.
		expect((await page.goto(setupPath))?.status()).toBe(403);

		await logIn(page, 'chefin@example.org', 'Erstes-Passwort-2026');
		expect(new URL(page.url()).pathname).toBe('/verwaltung');

		expect((await page.goto('/verwaltung/quartier'))?.status()).toBe(200);
		await page.fill('input[name="officeName"]', 'Quartiersbüro Neustadt');
		await submit(page);
		await expect(page.locator('main').innerText()).resolves.not.toMatch(/Das hat nicht geklappt/);

		// The very next request of anyone shows it.
		const anonymous = await browser.newContext({ baseURL: server.url });
		const visitor = await anonymous.newPage();
		await visitor.goto('/');
		await expect(visitor.locator('.site-header__brand').innerText()).resolves.toContain(
			'Quartiersbüro Neustadt'
		);
		await anonymous.close();
		await context.close();

		// One link per start.
		expect(server.log().match(/einrichten\?token=/g)).toHaveLength(1);
	});
});
