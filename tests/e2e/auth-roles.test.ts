import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	closePage,
	emailFor,
	expectAccessible,
	launchBrowser,
	loginAs,
	openPage,
	PHONE,
	postForm,
	screenshot
} from './support';

describe('roles and the back office', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('sends anonymous visitors of /verwaltung to the login and back afterwards', async () => {
		const page = await openPage(browser);
		await page.goto('/verwaltung/konten');
		expect(new URL(page.url()).pathname).toBe('/anmelden');
		expect(new URL(page.url()).searchParams.get('weiter')).toBe('/verwaltung/konten');
		await expect(page.locator('main').innerText()).resolves.toContain('Bitte melden Sie sich an');
		await closePage(page);
	});

	it('logs the CLI-made admin in and shows the accounts page', async () => {
		const page = await loginAs(browser, 'admin');
		expect(new URL(page.url()).pathname).toBe('/verwaltung');
		const res = await page.goto('/verwaltung/konten');
		expect(res?.status()).toBe(200);
		await expect(page.locator('table').innerText()).resolves.toContain(emailFor('admin'));
		await closePage(page);
	});

	it('gives a content editor the back office but not the accounts', async () => {
		const page = await loginAs(browser, 'content', { width: PHONE });
		expect(new URL(page.url()).pathname).toBe('/verwaltung');
		for (const path of ['/verwaltung/konten', '/verwaltung/konten/neu', '/verwaltung/konten/1']) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(403);
		}
		await page.goto('/konto');
		const res = await postForm(page, '/verwaltung/konten/neu', {
			email: 'sneaky@example.org',
			display_name: 'Sneaky',
			role_admin: 'on'
		});
		expect(res.status).toBe(403);
		const sperren = await postForm(page, '/verwaltung/konten/1?/sperren', {});
		expect(sperren.status).toBe(403);
		await closePage(page);
	});

	it('keeps residents out of the back office entirely', async () => {
		const page = await loginAs(browser, 'resident');
		expect(new URL(page.url()).pathname).toBe('/konto');
		await expectAccessible(page);
		await screenshot(page, 'auth-konto');
		for (const path of ['/verwaltung', '/verwaltung/konten', '/verwaltung/konten/neu']) {
			const res = await page.goto(path);
			expect(res?.status(), path).toBe(403);
		}
		await page.goto('/konto');
		const res = await postForm(page, '/verwaltung/konten/1?/rollen', { role_admin: 'on' });
		expect(res.status).toBe(403);
		await closePage(page);
	});
});
