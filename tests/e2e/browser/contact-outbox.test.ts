import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { siteSettings } from '../../../src/lib/server/db/schema';
import { createContactMessage, createStaffUser, TEST_PASSWORD } from '../../factories';
import { HttpClient } from '../http';
import { startServer, type RunningServer } from '../server';
import {
	closePage,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	PHONE,
	screenshot
} from '../support';
import { marker, openPageAt, prepareDataDir } from '../contact-support';

const ADMIN = 'postausgang-admin@kaster.example';
const OFFICE = 'buero@kaster.example';

/** An installation with an admin account, the office address set and overdue feedback. */
function prepare() {
	return prepareDataDir(async (db) => {
		await createStaffUser(db, { email: ADMIN, roles: ['admin'], session: false });
		await db.update(siteSettings).set({ contactEmail: OFFICE });
		await createContactMessage(db, {
			kind: 'accessibility',
			name: 'Max Muster',
			email: 'max@example.org',
			subject: 'Barriere melden',
			message: 'Die Schrift ist zu klein.',
			createdAt: new Date(Date.now() - 21 * 24 * 3600_000)
		});
	});
}

describe('contact: outbox without a mail server (private server)', () => {
	let browser: Browser;
	let server: RunningServer;
	let dataDir: string;

	beforeAll(async () => {
		browser = await launchBrowser();
		dataDir = await prepare();
		server = await startServer({ SMTP_URL: '' }, { dataDir });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('collects mails for admins to read and says why', async () => {
		const tag = marker('ohne-smtp');
		const sent = await new HttpClient(server.url).submit('/kontakt', {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject: tag,
			message: 'Bitte rufen Sie mich zurück.'
		});
		expect(sent.status).toBe(303);

		const admin = await HttpClient.login(ADMIN, TEST_PASSWORD, server.url);
		const signedIn = async (width?: number) => {
			const page = await openPageAt(browser, server.url, { width });
			await page
				.context()
				.addCookies([...admin.jar].map(([name, value]) => ({ name, value, url: server.url })));
			return page;
		};

		const page = await signedIn();
		await page.goto('/verwaltung/postausgang');
		const notice = await page.locator('main .notice').first().innerText();
		expect(notice).toMatch(
			/^Kein Mail-Server eingerichtet\s+Mails warten hier, bis die Administration/
		);
		// Staff are not shown setting names; the administrator's help page has them.
		expect(notice).not.toContain('SMTP');
		await expect(
			page.locator('main .notice a[href="/verwaltung/hilfe/mail-server"]').count()
		).resolves.toBe(1);
		const row = page
			.locator('.contact-list > li', { hasText: tag })
			.filter({ hasText: 'Kontaktformular' });
		await expect(row.innerText()).resolves.toContain('wartet');
		await expect(row.innerText()).resolves.toContain(`an ${OFFICE}`);
		await expectAccessible(page);
		await screenshot(page, 'contact-postausgang-ohne-smtp');

		// The mail page itself is checked with axe in contact-backoffice.
		await row.getByRole('link').click();
		await page.waitForSelector('pre.mail-text');
		await expect(page.locator('pre.mail-text').innerText()).resolves.toContain(
			'Bitte rufen Sie mich zurück.'
		);
		await expect(page.locator('main').innerText()).resolves.toContain(`${tag}@besucher.example`);
		const mailPath = new URL(page.url()).pathname;

		// Overdue feedback is flagged in the list and on the detail page.
		await page.goto('/verwaltung/nachrichten');
		const overdue = page.locator('.contact-list > li', { hasText: 'Max Muster' });
		await expect(overdue.innerText()).resolves.toContain('überfällig');
		await expectAccessible(page);
		await screenshot(page, 'contact-nachrichten-ueberfaellig');
		await overdue.getByRole('link').click();
		await page.waitForSelector('h1');
		await expect(page.locator('.notice--urgent').innerText()).resolves.toContain(
			'Die Antwortfrist ist abgelaufen'
		);
		await expectAccessible(page);
		await screenshot(page, 'contact-nachricht-ueberfaellig');
		const overduePath = new URL(page.url()).pathname;
		await closePage(page);

		// On a phone: the same pages without sideways scrolling.
		const phone = await signedIn(PHONE);
		for (const path of [
			'/verwaltung/postausgang',
			mailPath,
			'/verwaltung/nachrichten',
			overduePath
		]) {
			await phone.goto(path);
			await expectNoHorizontalScroll(phone);
		}
		await closePage(phone);
	}, 180_000);
});
