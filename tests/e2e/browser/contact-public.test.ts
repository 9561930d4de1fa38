import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
	closePage,
	DESKTOP,
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
import { HttpClient } from '../http';

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

	for (const width of [DESKTOP, PHONE]) {
		it(`shows the thank-you pages accessibly at ${width} px`, async () => {
			const page = await openPage(browser, { width });
			await visitAndCheck(page, '/kontakt/danke', 'contact-kontakt-danke');
			await visitAndCheck(page, '/barrierefreiheit/danke', 'contact-barrierefreiheit-danke');
			await closePage(page);
		});
	}

	it('shows errors in German with the input kept and markup escaped, accessibly', async () => {
		for (const width of [DESKTOP, PHONE]) {
			const page = await openPage(browser, { width });
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
			// axe at desktop width, the layout at phone width (expectAccessible does either).
			await expectAccessible(page);
			await screenshot(page, 'contact-kontakt-errors');

			await page.goto('/barrierefreiheit');
			await page
				.locator('#rueckmeldung')
				.getByRole('button', { name: 'Rückmeldung senden' })
				.click();
			await page.waitForSelector('.error-summary');
			await expectAccessible(page);
			await screenshot(page, 'contact-barrierefreiheit-errors');
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

	it('answers bad input with 4xx and a German message, never 500 (HTTP)', async () => {
		const page = new HttpClient();
		await page.get('/kontakt');
		const good = {
			name: 'Erika',
			email: 'erika@example.org',
			recipient: 'buero',
			subject: '',
			message: 'Hallo'
		};
		const cases: [string, Record<string, string>, number, string][] = [
			[
				'empty',
				{ name: '', email: '', recipient: 'buero', message: '' },
				400,
				'Bitte füllen Sie das Feld „Ihr Name“ aus.'
			],
			['nothing at all', {}, 400, 'Bitte füllen Sie das Feld „Ihre Nachricht“ aus.'],
			[
				'100 kB',
				{ ...good, message: 'x'.repeat(100_000) },
				400,
				'„Ihre Nachricht“ darf höchstens 5000 Zeichen lang sein.'
			],
			[
				'replacement char',
				{ ...good, message: 'a\uFFFDb' },
				400,
				'„Ihre Nachricht“ enthält ungültige Zeichen.'
			],
			[
				'control char',
				{ ...good, name: 'Erika\u0001' },
				400,
				'„Ihr Name“ enthält ungültige Zeichen.'
			],
			[
				'invalid e-mail',
				{ ...good, email: 'erika@' },
				400,
				'Bitte geben Sie bei „Ihre E-Mail-Adresse“ eine gültige E-Mail-Adresse ein'
			],
			[
				'unknown person',
				{ ...good, recipient: '987654' },
				400,
				'Bitte wählen Sie bei „An wen?“ eine der angebotenen Möglichkeiten.'
			],
			[
				'SQL as person',
				{ ...good, recipient: '1; DELETE FROM contact_messages' },
				400,
				'Bitte wählen Sie bei „An wen?“'
			],
			[
				'script in an invalid form',
				{ ...good, email: '', subject: '<script>alert(1)</script>' },
				400,
				'Bitte füllen Sie das Feld „Ihre E-Mail-Adresse“ aus.'
			]
		];
		for (const [label, fields, status, text] of cases) {
			const res = await page.post('/kontakt', fields);
			expect(res.status, label).toBe(status);
			expect(res.body, label).toContain(text);
			expect(res.body, label).not.toContain('<script>alert(1)</script>');
		}
		const escaped = await page.post('/kontakt', {
			...good,
			email: '',
			subject: '<script>alert(1)</script>'
		});
		expect(escaped.body).toMatch(/&lt;script(>|&gt;)alert\(1\)&lt;\/script/);

		await page.get('/barrierefreiheit');
		const feedback = {
			name: 'Max',
			email: 'max@example.org',
			feedbackType: 'barriere',
			message: 'Hallo'
		};
		const feedbackCases: [string, Record<string, string>, string][] = [
			['empty', {}, 'Bitte füllen Sie das Feld „Ihr Name“ aus.'],
			[
				'wrong type',
				{ ...feedback, feedbackType: 'lob' },
				'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.'
			],
			[
				'100 kB',
				{ ...feedback, message: 'ü'.repeat(50_000) },
				'„Ihre Nachricht“ darf höchstens 5000 Zeichen lang sein.'
			],
			[
				'long page',
				{ ...feedback, pageUrl: 'https://'.padEnd(600, 'x') },
				'„Betroffene Seite“ darf höchstens 500 Zeichen lang sein.'
			]
		];
		for (const [label, fields, text] of feedbackCases) {
			const res = await page.post('/barrierefreiheit', fields);
			expect(res.status, label).toBe(400);
			expect(res.body, label).toContain(text);
		}
	});

	it('refuses posts without or with a foreign CSRF token (403, HTTP)', async () => {
		const page = new HttpClient();
		await page.get('/kontakt');
		const fields = {
			name: 'Erika',
			email: 'erika@example.org',
			recipient: 'buero',
			message: 'Hallo'
		};
		const missing = await page.post('/kontakt', fields, { csrf: false });
		expect(missing.status).toBe(403);
		expect(missing.body).toContain('Aus Sicherheitsgründen');

		// A valid token from another visitor's session is still foreign here.
		const other = new HttpClient();
		await other.get('/barrierefreiheit');
		const foreignToken = await other.csrf();
		const foreign = await page.post('/kontakt', { ...fields, _csrf: foreignToken });
		expect(foreign.status).toBe(403);
		const foreignFeedback = await page.post('/barrierefreiheit', {
			name: 'Max',
			email: 'max@example.org',
			feedbackType: 'barriere',
			message: 'Hallo',
			_csrf: foreignToken
		});
		expect(foreignFeedback.status).toBe(403);
	});
});
