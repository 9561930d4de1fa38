import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { HttpClient, mainText } from '../http';
import {
	checkLayoutAt,
	closePage,
	expectAccessible,
	launchBrowser,
	loginAs,
	PHONE,
	readMails,
	screenshot,
	waitForNewMail
} from '../support';
import { marker } from '../contact-support';

/*
 * Staff read messages and the outbox on the shared server. The messages come in over HTTP (the
 * visitor's journey through the forms is in contact-public); who may enter, and the answers to
 * odd posts, are HTTP tests; the pages themselves (escaping in a real DOM, axe) are in Chromium.
 */
describe('contact: back office', () => {
	let browser: Browser;
	const tag = marker('bo');
	const subject = `<script>window.__pwned = 1</script> ${tag}`;
	let messagePath = '';
	let feedbackPath = '';
	let outboxMailPath = '';

	/** The <li> of a back-office contact list that contains all the texts. */
	function itemWith(html: string, ...texts: string[]): string {
		return html.split(/<li\b/).find((item) => texts.every((t) => item.includes(t))) ?? '';
	}
	const hrefIn = (html: string) =>
		/<a\b[^>]*\shref="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';

	beforeAll(async () => {
		const visitor = new HttpClient();
		const before = readMails().length;
		const contact = await visitor.submit('/kontakt', {
			name: 'Erika <b>Mustermann</b>',
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject,
			message: `<img src=x onerror="window.__pwned = 2">\nZweite Zeile ${tag}`
		});
		expect(contact.status, mainText(contact.body)).toBe(303);
		const feedback = await visitor.submit('/barrierefreiheit', {
			name: 'Max Muster',
			email: `${tag}-a11y@besucher.example`,
			feedbackType: 'barriere',
			pageUrl: '/kontakt',
			message: `Das Formular ist zu klein. ${tag}`
		});
		expect(feedback.status, mainText(feedback.body)).toBe(303);
		await waitForNewMail(before, (m) => m.subject.includes(tag));

		const content = await HttpClient.as('content');
		const list = (await content.get('/verwaltung/nachrichten')).body;
		// Encoded in the list as in every page: the subject comes back as text.
		messagePath = hrefIn(itemWith(list, tag, 'Kontaktformular'));
		feedbackPath = hrefIn(itemWith(list, 'Barrierefreiheit', 'Max Muster'));
		expect(messagePath).toMatch(/\/verwaltung\/nachrichten\/\d+$/);
		expect(feedbackPath).toMatch(/\/verwaltung\/nachrichten\/\d+$/);
		messagePath = new URL(messagePath, 'http://x/verwaltung/nachrichten').pathname;
		feedbackPath = new URL(feedbackPath, 'http://x/verwaltung/nachrichten').pathname;

		// The staff mail goes out (SMTP is up on the shared server); wait until the outbox says so.
		const admin = await HttpClient.as('admin');
		for (let i = 0; i < 50; i++) {
			const item = itemWith(
				(await admin.get('/verwaltung/postausgang')).body,
				tag,
				'Kontaktformular'
			);
			if (item.includes('gesendet')) {
				outboxMailPath = new URL(hrefIn(item), 'http://x/verwaltung/postausgang').pathname;
				break;
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		expect(outboxMailPath).toMatch(/\/verwaltung\/postausgang\/\d+$/);

		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function pwned(page: Page) {
		return page.evaluate(() => (window as { __pwned?: number }).__pwned);
	}

	it('keeps anonymous visitors and other roles out (HTTP)', async () => {
		const anonymous = new HttpClient();
		const res = await anonymous.visit('/verwaltung/nachrichten');
		expect(res.path).toMatch(/^\/anmelden/);
		expect(res.status).toBe(200);
		expect((await anonymous.post('/verwaltung/nachrichten/1?/answered', {})).status).toBe(303);
		expect((await anonymous.post('/verwaltung/postausgang?/retry', { id: '1' })).status).toBe(303);

		const content = await HttpClient.as('content');
		expect((await content.get('/verwaltung/postausgang')).status).toBe(403);
		expect((await content.get('/verwaltung/postausgang/1')).status).toBe(403);
		await content.get('/verwaltung/nachrichten');
		expect((await content.post('/verwaltung/postausgang?/retry', { id: '1' })).status).toBe(403);

		const resident = await HttpClient.as('resident');
		expect((await resident.get('/verwaltung/nachrichten')).status).toBe(403);
		expect((await resident.post('/verwaltung/nachrichten/1?/answered', {})).status).toBe(403);
	});

	it('does not send a sent mail again and refuses an odd id (HTTP)', async () => {
		const admin = await HttpClient.as('admin');
		await admin.get('/verwaltung/postausgang');
		const id = outboxMailPath.split('/').pop()!;
		const again = await admin.post('/verwaltung/postausgang?/retry', { id });
		expect(again.status).toBe(409);
		expect(again.body).toContain('Das wurde inzwischen geändert');
		const bad = await admin.post('/verwaltung/postausgang?/retry', { id: 'abc' });
		expect(bad.status).toBe(400);
		const content = await HttpClient.as('content');
		expect((await content.get('/verwaltung/nachrichten/2147483647')).status).toBe(404);
		expect((await content.get('/verwaltung/nachrichten/abc')).status).toBe(404);
	});

	it('lists messages for content staff, escaped, accessibly', async () => {
		const page = await loginAs(browser, 'content', { at: '/verwaltung/nachrichten' });
		const row = page
			.locator('.contact-list > li', { hasText: tag })
			.filter({ hasText: 'Kontaktformular' });
		await expect(row.count()).resolves.toBe(1);
		await expect(row.getByRole('link').innerText()).resolves.toBe(subject);
		await expect(row.innerText()).resolves.toContain('von Erika <b>Mustermann</b>');
		const feedback = page
			.locator('.contact-list > li', { hasText: 'Barrierefreiheit' })
			.filter({ hasText: 'Max Muster' })
			.first();
		await expect(feedback.innerText()).resolves.toMatch(/Antwort bis \d{1,2}\. \S+ \d{4}/);
		expect(await pwned(page)).toBeUndefined();
		await expectAccessible(page);
		await screenshot(page, 'contact-nachrichten');
		await checkLayoutAt(page, [PHONE], 'contact-nachrichten');

		await page.goto(feedbackPath);
		const text = await page.locator('main').innerText();
		expect(text).toContain('Wichtig für Ihre Antwort');
		expect(text).toContain('Ombudsstelle für barrierefreie Informationstechnik');
		const mailto = await page
			.getByRole('link', { name: 'Per E-Mail antworten' })
			.getAttribute('href');
		expect(decodeURIComponent(mailto!)).toContain('Durchsetzungsverfahren');
		await expectAccessible(page);
		await screenshot(page, 'contact-nachricht-barrierefreiheit');
		await checkLayoutAt(page, [PHONE], 'contact-nachricht-barrierefreiheit');
		await closePage(page);
	});

	it('shows a message escaped and marks it answered', async () => {
		const page = await loginAs(browser, 'content', { at: messagePath });
		await expect(page.locator('h1').innerText()).resolves.toBe(subject);
		await expect(page.locator('.contact-message-text').innerText()).resolves.toContain(
			'<img src=x onerror="window.__pwned = 2">'
		);
		await expect(page.locator('.contact-message-text img').count()).resolves.toBe(0);
		expect(await pwned(page)).toBeUndefined();
		await expect(
			page.getByRole('link', { name: 'Per E-Mail antworten' }).getAttribute('href')
		).resolves.toMatch(new RegExp(`^mailto:${tag}@besucher\\.example\\?subject=Re`));
		await expectAccessible(page);
		await screenshot(page, 'contact-nachricht');
		await checkLayoutAt(page, [PHONE], 'contact-nachricht');

		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Als beantwortet markieren' }).click()
		]);
		await page.waitForSelector('.notice--success');
		await expect(page.locator('.notice--success').innerText()).resolves.toContain(
			'Die Nachricht ist als beantwortet markiert.'
		);
		await expect(page.locator('.facts').innerText()).resolves.toContain('beantwortet');
		await expect(
			page.getByRole('button', { name: 'Als beantwortet markieren' }).count()
		).resolves.toBe(0);
		await closePage(page);
		// A second post (an old tab) changes nothing and is no error.
		const content = await HttpClient.as('content');
		await content.get(messagePath);
		expect((await content.post(`${messagePath}?/answered`, {})).status).toBe(200);
	});

	it('shows the outbox to admins with the full text of each mail', async () => {
		const page = await loginAs(browser, 'admin', { at: '/verwaltung/postausgang' });
		// SMTP is set up on the shared server: no notice.
		await expect(page.locator('main').innerText()).resolves.not.toContain(
			'Kein Mail-Server eingerichtet'
		);
		const row = page
			.locator('.contact-list > li', { hasText: tag })
			.filter({ hasText: 'Kontaktformular' });
		await expect(row.innerText()).resolves.toContain('gesendet');
		await expect(row.getByRole('button').count()).resolves.toBe(0);
		expect(await pwned(page)).toBeUndefined();
		await expectAccessible(page);
		await screenshot(page, 'contact-postausgang');
		await checkLayoutAt(page, [PHONE], 'contact-postausgang');

		await page.goto((await row.getByRole('link').getAttribute('href'))!);
		const body = await page.locator('pre.mail-text').innerText();
		expect(body).toContain(`Zweite Zeile ${tag}`);
		expect(body).toContain('<img src=x onerror="window.__pwned = 2">');
		expect(await pwned(page)).toBeUndefined();
		await expectAccessible(page);
		await screenshot(page, 'contact-postausgang-mail');
		await checkLayoutAt(page, [PHONE], 'contact-postausgang-mail');
		await closePage(page);
	});
});
