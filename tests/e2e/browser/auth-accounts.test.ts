import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	checkLayoutAt,
	closePage,
	DESKTOP,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	linkPath,
	logIn,
	loginAs,
	openPage,
	PHONE,
	readMails,
	screenshot,
	submit,
	waitForNewMail
} from '../support';

const NEW_PASSWORD = 'Redaktion-Passwort-2025';

async function accountPath(admin: Page, email: string): Promise<string> {
	await admin.goto('/verwaltung/konten');
	const href = await admin.locator('table a', { hasText: email }).getAttribute('href');
	if (!href) throw new Error(`no account ${email} in the list`);
	return href;
}

describe('accounts in the back office', () => {
	let browser: Browser;
	let admin: Page;
	const editorEmail = 'e2e-redakteurin@example.org';

	beforeAll(async () => {
		browser = await launchBrowser();
		admin = await loginAs(browser, 'admin', { javaScript: false });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('creates a content editor, who gets a mail, sets a password and logs in (without JavaScript)', async () => {
		const before = readMails().length;
		await admin.goto('/verwaltung/konten');
		await admin.click('text=Neues Konto anlegen');
		expect(new URL(admin.url()).pathname).toBe('/verwaltung/konten/neu');
		await admin.fill('input[name="email"]', editorEmail);
		await admin.fill('input[name="display_name"]', 'Rea Redakteurin');
		await admin.check('input[name="role_content"]');
		await submit(admin);
		expect(admin.url()).toMatch(/\/verwaltung\/konten\/\d+\?angelegt=1$/);
		await expect(admin.locator('main .notice').first().innerText()).resolves.toContain(
			`an ${editorEmail} geschickt`
		);
		await expect(admin.locator('.facts').innerText()).resolves.toContain(
			'Passwort noch nicht festgelegt'
		);

		const mail = await waitForNewMail(before, (m) => m.to.includes(editorEmail));
		expect(mail.subject).toContain('Ihr Zugang zur Verwaltung');
		expect(mail.text).toContain('Inhalte');
		expect(mail.text).toContain('7 Tage');

		const editor = await openPage(browser, { javaScript: false });
		await editor.goto(linkPath(mail.text, '/passwort-setzen'));
		await editor.fill('input[name="password"]', NEW_PASSWORD);
		await editor.fill('input[name="password_repeat"]', NEW_PASSWORD);
		await submit(editor);
		await logIn(editor, editorEmail, NEW_PASSWORD);
		expect(new URL(editor.url()).pathname).toBe('/verwaltung');
		await expect(editor.goto('/verwaltung/konten').then((r) => r?.status())).resolves.toBe(403);
		await closePage(editor);
	});

	it('shows every accounts page accessibly, fitting 375 px too', { timeout: 180_000 }, async () => {
		const path = await accountPath(admin, editorEmail);
		const page = await loginAs(browser, 'admin', { width: DESKTOP });
		for (const [url, name] of [
			['/verwaltung/konten', 'auth-konten'],
			['/verwaltung/konten/neu', 'auth-konten-neu'],
			[path, 'auth-konten-detail']
		]) {
			const res = await page.goto(url);
			expect(res?.status(), url).toBe(200);
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await screenshot(page, name);
			await checkLayoutAt(page, [PHONE], name);
		}
		await page.goto('/verwaltung/konten/neu');
		await submit(page);
		await expectAccessible(page);
		await screenshot(page, 'auth-konten-neu-fehler');
		await checkLayoutAt(page, [PHONE], 'auth-konten-neu-fehler');
		await closePage(page);
	});
});
