import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	closePage,
	DESKTOP,
	expectAccessible,
	expectNoHorizontalScroll,
	launchBrowser,
	loginAs,
	openPage,
	PHONE,
	postForm,
	readMails,
	screenshot,
	waitForNewMail
} from './support';
import { marker, sendContactForm, sendFeedbackForm } from './contact-support';

/** Staff read messages and the outbox on the shared server (accounts from loginAs). */
describe('contact: back office', () => {
	let browser: Browser;
	const tag = marker('bo');
	const subject = `<script>window.__pwned = 1</script> ${tag}`;
	let messagePath = '';
	let feedbackPath = '';

	beforeAll(async () => {
		browser = await launchBrowser();
		const visitor = await openPage(browser);
		const before = readMails().length;
		await sendContactForm(visitor, {
			name: 'Erika <b>Mustermann</b>',
			email: `${tag}@besucher.example`,
			subject,
			message: `<img src=x onerror="window.__pwned = 2">\nZweite Zeile ${tag}`
		});
		await sendFeedbackForm(visitor, {
			name: 'Max Muster',
			email: `${tag}-a11y@besucher.example`,
			type: 'Barriere melden',
			pageUrl: '/kontakt',
			message: `Das Formular ist zu klein. ${tag}`
		});
		await waitForNewMail(before, (m) => m.subject.includes(tag));
		await closePage(visitor);
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function pwned(page: Page) {
		return page.evaluate(() => (window as { __pwned?: number }).__pwned);
	}

	it('keeps anonymous visitors and other roles out', async () => {
		const anonymous = await openPage(browser);
		const res = await anonymous.goto('/verwaltung/nachrichten');
		expect(new URL(anonymous.url()).pathname).toBe('/anmelden');
		expect(res?.status()).toBe(200);
		await anonymous.goto('/kontakt');
		const post = await postForm(anonymous, '/verwaltung/nachrichten/1?/answered', {});
		expect(post.status).toBe(303);
		const retry = await postForm(anonymous, '/verwaltung/postausgang?/retry', { id: '1' });
		expect(retry.status).toBe(303);
		await closePage(anonymous);

		const content = await loginAs(browser, 'content');
		expect((await content.goto('/verwaltung/postausgang'))?.status()).toBe(403);
		expect((await content.goto('/verwaltung/postausgang/1'))?.status()).toBe(403);
		await content.goto('/verwaltung/nachrichten');
		const forbidden = await postForm(content, '/verwaltung/postausgang?/retry', { id: '1' });
		expect(forbidden.status).toBe(403);
		await closePage(content);

		const resident = await loginAs(browser, 'resident');
		expect((await resident.goto('/verwaltung/nachrichten'))?.status()).toBe(403);
		await resident.goto('/kontakt');
		expect((await postForm(resident, '/verwaltung/nachrichten/1?/answered', {})).status).toBe(403);
		await closePage(resident);
	}, 150_000);

	for (const width of [DESKTOP, PHONE]) {
		it(`lists messages for content staff, escaped, accessibly at ${width} px`, async () => {
			const page = await loginAs(browser, 'content', { width });
			expect((await page.goto('/verwaltung/nachrichten'))?.status()).toBe(200);
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
			messagePath = (await row.getByRole('link').getAttribute('href'))!;
			feedbackPath = (await feedback.getByRole('link').getAttribute('href'))!;
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'contact-nachrichten');

			await page.goto(feedbackPath);
			const text = await page.locator('main').innerText();
			expect(text).toContain('Wichtig für Ihre Antwort');
			expect(text).toContain('Ombudsstelle für barrierefreie Informationstechnik');
			const mailto = await page
				.getByRole('link', { name: 'Per E-Mail antworten' })
				.getAttribute('href');
			expect(decodeURIComponent(mailto!)).toContain('Durchsetzungsverfahren');
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'contact-nachricht-barrierefreiheit');
			await closePage(page);
		}, 150_000);
	}

	it('shows a message escaped and marks it answered', async () => {
		const page = await loginAs(browser, 'content');
		await page.goto(messagePath);
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
		// A second post (an old tab) changes nothing and is no error.
		expect((await postForm(page, `${messagePath}?/answered`, {})).status).toBe(200);
		expect((await page.goto('/verwaltung/nachrichten/2147483647'))?.status()).toBe(404);
		expect((await page.goto('/verwaltung/nachrichten/abc'))?.status()).toBe(404);
		await closePage(page);
	});

	for (const width of [DESKTOP, PHONE]) {
		it(`shows the outbox to admins with the full text of each mail at ${width} px`, async () => {
			const page = await loginAs(browser, 'admin', { width });
			expect((await page.goto('/verwaltung/postausgang'))?.status()).toBe(200);
			// SMTP is set up on the shared server: no notice.
			await expect(page.locator('main').innerText()).resolves.not.toContain(
				'Es ist kein Mailserver eingerichtet'
			);
			const row = page
				.locator('.contact-list > li', { hasText: tag })
				.filter({ hasText: 'Kontaktformular' });
			await expect(row.innerText()).resolves.toContain('gesendet');
			await expect(row.getByRole('button').count()).resolves.toBe(0);
			expect(await pwned(page)).toBeUndefined();
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'contact-postausgang');

			await page.goto((await row.getByRole('link').getAttribute('href'))!);
			const body = await page.locator('pre.mail-text').innerText();
			expect(body).toContain(`Zweite Zeile ${tag}`);
			expect(body).toContain('<img src=x onerror="window.__pwned = 2">');
			expect(await pwned(page)).toBeUndefined();
			await expectAccessible(page);
			await expectNoHorizontalScroll(page);
			await screenshot(page, 'contact-postausgang-mail');

			// A sent mail is not sent again.
			const id = new URL(page.url()).pathname.split('/').pop()!;
			await page.goto('/verwaltung/postausgang');
			const again = await postForm(page, '/verwaltung/postausgang?/retry', { id });
			expect(again.status).toBe(409);
			expect(again.body).toContain('Das wurde inzwischen geändert');
			const bad = await postForm(page, '/verwaltung/postausgang?/retry', { id: 'abc' });
			expect(bad.status).toBe(400);
			await closePage(page);
		}, 150_000);
	}
});
