import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	closePage,
	checkLayoutAt,
	expectAccessible,
	launchBrowser,
	openPage,
	PHONE,
	readMails,
	screenshot,
	visitAndCheck,
	waitForNewMail
} from '../support';
import { mailHeader, marker, sendContactForm, sendFeedbackForm } from '../contact-support';

/** The contact page and the accessibility statement on the shared server, as a visitor. */
describe('contact: public pages', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	// axe on /kontakt and /barrierefreiheit at 1280 and 320 px: public-pages.
	it('shows the contact page and the statement with their content', async () => {
		const page = await openPage(browser);
		expect((await page.goto('/kontakt'))?.status()).toBe(200);
		// The vacant position says so, names its substitute and links to the substitute's card.
		const vacant = page.locator('article', { hasText: 'Stelle derzeit unbesetzt' });
		await expect(vacant.count()).resolves.toBe(1);
		await expect(vacant.innerText()).resolves.toMatch(/Vertretung:\s*Frau Lindner/);
		const href = await vacant.getByRole('link', { name: 'Frau Lindner' }).getAttribute('href');
		expect(href).toMatch(/^#person-\d+$/);
		await expect(page.locator(`${href} h3`).innerText()).resolves.toBe(
			'Raumbuchungen und Haus der Begegnung'
		);
		// Empty fields are marked, not left blank.
		await expect(page.locator('main').innerText()).resolves.toContain('wird noch ergänzt');
		const options = await page.locator('#field-recipient option').allInnerTexts();
		expect(options[0]).toBe('Quartiersmanagement Kaster allgemein');
		expect(options).toContain('Quartiersmanagement – unbesetzt, Nachricht geht an Frau Lindner');
		await expect(page.locator('.privacy-note a[href$="datenschutz"]').count()).resolves.toBe(1);

		expect((await page.goto('/barrierefreiheit'))?.status()).toBe(200);
		const jump = page.locator('main a[href="#rueckmeldung"]');
		await expect(jump.count()).resolves.toBe(1);
		await expect(page.locator('#rueckmeldung form').count()).resolves.toBe(1);
		const text = await page.locator('main').innerText();
		expect(text).toContain('Durchsetzungsverfahren');
		expect(text).toContain('Ombudsstelle für barrierefreie Informationstechnik');
		expect(text).toMatch(/zuletzt am \d{1,2}\. \S+ \d{4} geprüft/);
		await closePage(page);
	});

	it('shows the thank-you pages accessibly, fitting 375 px too', async () => {
		const page = await openPage(browser);
		await visitAndCheck(page, '/kontakt/danke', 'contact-kontakt-danke', { alsoAt: [PHONE] });
		await visitAndCheck(page, '/barrierefreiheit/danke', 'contact-barrierefreiheit-danke', {
			alsoAt: [PHONE]
		});
		await closePage(page);
	});

	it('shows errors in German with the input kept and markup escaped, accessibly', async () => {
		{
			const page = await openPage(browser);
			await page.goto('/kontakt');
			await page.getByLabel('Ihr Name').fill('<script>window.__pwned = 1</script>');
			await page.getByLabel('Ihre E-Mail-Adresse').fill('keine-adresse');
			await Promise.all([
				page.waitForLoadState('load'),
				page.getByRole('button', { name: 'Nachricht senden' }).click()
			]);
			await page.waitForSelector('.error-summary');
			const summary = await page.locator('.error-summary').innerText();
			expect(summary).toContain('Bitte korrigieren Sie diese 2 Angaben:');
			expect(summary).toContain(
				'Bitte geben Sie bei „Ihre E-Mail-Adresse“ eine gültige E-Mail-Adresse ein'
			);
			expect(summary).toContain('Bitte füllen Sie das Feld „Ihre Nachricht“ aus.');
			await expect(page.getByLabel('Ihr Name').inputValue()).resolves.toBe(
				'<script>window.__pwned = 1</script>'
			);
			await expect(page.evaluate(() => (window as { __pwned?: number }).__pwned)).resolves.toBe(
				undefined
			);
			// The summary links lead to the fields.
			await expect(page.locator('.error-summary a[href="#field-message"]').count()).resolves.toBe(
				1
			);
			await expectAccessible(page);
			await screenshot(page, 'contact-kontakt-errors');
			await checkLayoutAt(page, [PHONE], 'contact-kontakt-errors');

			await page.goto('/barrierefreiheit');
			await page
				.locator('#rueckmeldung')
				.getByRole('button', { name: 'Rückmeldung senden' })
				.click();
			await page.waitForSelector('.error-summary');
			await expectAccessible(page);
			await screenshot(page, 'contact-barrierefreiheit-errors');
			await checkLayoutAt(page, [PHONE], 'contact-barrierefreiheit-errors');
			await closePage(page);
		}
	}, 150_000);

	for (const javaScript of [true, false]) {
		it(`sends the contact form ${javaScript ? 'with' : 'without'} JavaScript; mails go out`, async () => {
			const page = await openPage(browser, { javaScript });
			const tag = marker('kontakt');
			const visitor = `${tag}@besucher.example`;
			const before = readMails().length;
			await sendContactForm(page, {
				name: 'Erika Mustermann',
				email: visitor,
				recipient: 'unbesetzt',
				subject: `Sommerfest ${tag}`,
				message: `Wann beginnt das Sommerfest? ${tag}`
			});
			await expect(page.locator('h1').innerText()).resolves.toBe('Vielen Dank für Ihre Nachricht');
			await expect(page.locator('main').innerText()).resolves.toContain('Wie geht es weiter?');

			// To whoever is responsible (who that is on this shared server is tested on a private one).
			const staff = await waitForNewMail(before, (m) => m.subject.includes(`Sommerfest ${tag}`));
			expect(staff.subject).toMatch(/^Kontaktformular Nr\. \d+: Sommerfest /);
			expect(staff.to).not.toContain(visitor);
			expect(mailHeader(staff.raw, 'Reply-To')).toBe(visitor);
			expect(staff.text).toContain(`Wann beginnt das Sommerfest? ${tag}`);
			const receipt = await waitForNewMail(before, (m) => m.to.includes(visitor));
			expect(receipt.subject).toBe('Ihre Nachricht an das Quartiersmanagement Kaster');
			expect(receipt.text).not.toContain('Sommerfest');
			await closePage(page);
		}, 150_000);
	}

	it('sends accessibility feedback without JavaScript; the mail names the enforcement procedure', async () => {
		const page = await openPage(browser, { javaScript: false });
		const tag = marker('a11y');
		const visitor = `${tag}@besucher.example`;
		const before = readMails().length;
		await sendFeedbackForm(page, {
			name: 'Max Muster',
			email: visitor,
			type: 'Inhalt in barrierefreier Form anfragen',
			pageUrl: '/haus-der-begegnung',
			message: `Bitte den Lageplan als Text. ${tag}`
		});
		await expect(page.locator('h1').innerText()).resolves.toBe('Vielen Dank für Ihre Rückmeldung');
		await expect(page.locator('main').innerText()).resolves.toContain('Ombudsstelle');
		const staff = await waitForNewMail(
			before,
			(m) => m.text.includes(tag) && !m.to.includes(visitor)
		);
		expect(staff.subject).toMatch(
			/^Rückmeldung zur Barrierefreiheit Nr\. \d+: Inhalt in barrierefreier Form anfragen$/
		);
		expect(staff.text).toContain('Ihre Antwort muss auf das Durchsetzungsverfahren hinweisen');
		expect(staff.text).toContain('Betroffene Seite: /haus-der-begegnung');
		expect(mailHeader(staff.raw, 'Reply-To')).toBe(visitor);
		await waitForNewMail(before, (m) => m.to.includes(visitor));
		await closePage(page);
	});

	it('prefills the page concerned from where the visitor came from', async () => {
		const page = await openPage(browser);
		await page.goto('/haus-der-begegnung');
		await page.locator('footer a[href="/barrierefreiheit"]').click();
		await page.waitForURL('**/barrierefreiheit');
		await expect(page.locator('#field-pageUrl').inputValue()).resolves.toMatch(
			/\/haus-der-begegnung$/
		);
		await closePage(page);
	});
});
