import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { contactMessages, siteSettings } from '../../src/lib/server/db/schema';
import { createUser } from '../helpers/users';
import { startTestSmtpServer } from '../helpers/smtp';
import { startServer, type RunningServer } from './server';
import {
	closePage,
	DESKTOP,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	logIn,
	PHONE,
	screenshot
} from './support';
import { marker, openPageAt, prepareDataDir, sendContactForm } from './contact-support';

const ADMIN = { email: 'postausgang-admin@kaster.example', password: 'Ein-Langes-Test-Passwort-1' };
const OFFICE = 'buero@kaster.example';

async function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** An installation with an admin account and the office address set; optionally old feedback. */
function prepare(withOverdueFeedback = false) {
	return prepareDataDir(async (db) => {
		await createUser(db, { ...ADMIN, roles: ['admin'], displayName: 'Admin Postausgang' });
		await db.update(siteSettings).set({ contactEmail: OFFICE });
		if (withOverdueFeedback) {
			const threeWeeksAgo = new Date(Date.now() - 21 * 24 * 3600_000);
			await db.insert(contactMessages).values({
				kind: 'accessibility',
				name: 'Max Muster',
				email: 'max@example.org',
				subject: 'Barriere melden',
				message: 'Die Schrift ist zu klein.',
				createdAt: threeWeeksAgo,
				dueAt: new Date(threeWeeksAgo.getTime() + 14 * 24 * 3600_000)
			});
		}
	});
}

describe('contact: outbox without a mail server (private server)', () => {
	let browser: Browser;
	let server: RunningServer;
	let dataDir: string;

	beforeAll(async () => {
		browser = await launchBrowser();
		dataDir = await prepare(true);
		server = await startServer({ SMTP_URL: '' }, { dataDir });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('collects mails for admins to read and says why', async () => {
		const visitor = await openPageAt(browser, server.url);
		const tag = marker('ohne-smtp');
		await sendContactForm(visitor, {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			subject: tag,
			message: 'Bitte rufen Sie mich zurück.'
		});
		await closePage(visitor);

		for (const width of [DESKTOP, PHONE]) {
			const page = await openPageAt(browser, server.url, { width });
			await logIn(page, ADMIN.email, ADMIN.password);
			await page.goto('/verwaltung/postausgang');
			await expect(page.locator('main .notice').first().innerText()).resolves.toMatch(
				/^Es ist kein Mailserver eingerichtet\.\s+Mails werden hier gesammelt/
			);
			const row = page
				.locator('.contact-list > li', { hasText: tag })
				.filter({ hasText: 'Kontaktformular' });
			await expect(row.innerText()).resolves.toContain('wartet');
			await expect(row.innerText()).resolves.toContain(`an ${OFFICE}`);
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'contact-postausgang-ohne-smtp');

			await row.getByRole('link').click();
			await page.waitForSelector('pre.mail-text');
			await expect(page.locator('pre.mail-text').innerText()).resolves.toContain(
				'Bitte rufen Sie mich zurück.'
			);
			await expect(page.locator('main').innerText()).resolves.toContain(`${tag}@besucher.example`);
			await expectAccessible(page);

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
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'contact-nachricht-ueberfaellig');
			await closePage(page);
		}
	}, 180_000);
});

describe('contact: outbox while the mail server is down (private server)', () => {
	let browser: Browser;
	let server: RunningServer;
	let dataDir: string;
	let port: number;
	let smtp: Awaited<ReturnType<typeof startTestSmtpServer>> | undefined;

	beforeAll(async () => {
		browser = await launchBrowser();
		dataDir = await prepare();
		port = await closedPort();
		server = await startServer({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { dataDir });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await smtp?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('keeps the mail with its error, and "Jetzt erneut versuchen" delivers it once the server is up', async () => {
		const visitor = await openPageAt(browser, server.url);
		const tag = marker('smtp-weg');
		await sendContactForm(visitor, {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			subject: tag,
			message: 'Geht die Mail verloren?'
		});
		await closePage(visitor);

		const page = await openPageAt(browser, server.url);
		await logIn(page, ADMIN.email, ADMIN.password);
		const row = page
			.locator('.contact-list > li', { hasText: tag })
			.filter({ hasText: 'Kontaktformular' });
		await expect
			.poll(async () => {
				await page.goto('/verwaltung/postausgang');
				return row.innerText();
			})
			.toMatch(/Versuche: 1[\s\S]*Letzter Fehler: .*ECONNREFUSED/);
		await expect(row.innerText()).resolves.toContain('wartet');
		await expectAccessible(page);
		await screenshot(page, 'contact-postausgang-fehler');

		smtp = await startTestSmtpServer({ port });
		await Promise.all([
			page.waitForLoadState('load'),
			row.getByRole('button', { name: /Jetzt erneut versuchen/ }).click()
		]);
		await page.waitForSelector('.notice--success');
		await expect
			.poll(() => smtp!.received.filter((m) => m.subject.endsWith(tag)).length, { timeout: 10_000 })
			.toBe(1);
		expect(smtp.received.find((m) => m.subject.endsWith(tag))?.to).toEqual([OFFICE]);
		await expect
			.poll(async () => {
				await page.goto('/verwaltung/postausgang');
				return row.innerText();
			})
			.toContain('gesendet');
		// Still exactly one copy after a few more polls of the sender.
		await new Promise((r) => setTimeout(r, 2500));
		expect(smtp.received.filter((m) => m.subject.endsWith(tag))).toHaveLength(1);
		await closePage(page);
	});
});
