import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	baseUrl,
	closePage,
	DESKTOP,
	launchBrowser,
	loginAs,
	openPage,
	screenshot,
	visitAndCheck
} from '../support';
import { berlinLocal, postOk, submit } from '../content-support';

/** The pages that show site-wide notices (see src/routes/+layout.server.ts). */
const NOTICE_PAGES = ['/', '/kontakt', '/haus-der-begegnung'];
import { HttpClient, mainText } from '../http';

const PUBLIC_PAGES = [
	'/',
	'/aktuelles',
	'/haus-der-begegnung',
	'/quartiersmanagement',
	'/impressum',
	'/datenschutz'
];

/** The notice banner of a page (`<section class="notices">…</section>`), '' if there is none. */
function sectionNotices(html: string): string {
	const start = html.search(/<section\b[^>]*class="notices\b/);
	return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

describe('content journeys', () => {
	let browser: Browser;
	let editor: Page;
	let visitor: Page;

	beforeAll(async () => {
		browser = await launchBrowser();
		editor = await loginAs(browser, 'content');
		visitor = await openPage(browser, { width: DESKTOP });
	});
	afterAll(async () => {
		await closePage(editor);
		await closePage(visitor);
		await browser?.close();
	});

	it('a content editor fills in the venue address and it appears on /haus-der-begegnung', async () => {
		await editor.goto('/verwaltung/haus');
		const fields = ['input[name="street"]', 'input[name="postalCode"]', 'input[name="city"]'];
		const original = await Promise.all(fields.map((field) => editor.inputValue(field)));
		const originalHours = await editor.inputValue('textarea[name="openingHours"]');

		await visitor.goto('/haus-der-begegnung');
		await expect(visitor.locator('main').innerText()).resolves.toContain('wird noch ergänzt');

		await editor.goto('/verwaltung/haus');
		await expect(editor.locator('#field-street-hint').innerText()).resolves.toContain(
			'wird noch ergänzt'
		);
		await editor.fill('input[name="street"]', 'Am Kasterer Markt 3');
		await editor.fill('input[name="postalCode"]', '50181');
		await editor.fill('input[name="city"]', 'Bedburg');
		await editor.fill('textarea[name="openingHours"]', 'Montag bis Donnerstag 9 bis 12 Uhr');
		await submit(editor, 'Speichern');
		expect(new URL(editor.url()).pathname + new URL(editor.url()).search).toBe(
			'/verwaltung/haus?gespeichert=1'
		);
		await expect(editor.getByRole('status').innerText()).resolves.toContain('Gespeichert');
		await expect(editor.inputValue('input[name="street"]')).resolves.toBe('Am Kasterer Markt 3');

		await visitor.goto('/haus-der-begegnung');
		const address = await visitor.locator('main address').innerText();
		expect(address).toContain('Am Kasterer Markt 3');
		expect(address).toContain('50181 Bedburg');
		await expect(visitor.locator('main').innerText()).resolves.toContain('Montag bis Donnerstag');
		// axe on this page: public-pages.
		await screenshot(visitor, 'content-haus-public');

		// Back to Kaster's seed (address still to be completed): other files read these pages.
		await editor.goto('/verwaltung/haus');
		for (const [i, field] of fields.entries()) await editor.fill(field, original[i]);
		await editor.fill('textarea[name="openingHours"]', originalHours);
		await submit(editor, 'Speichern');
		await visitor.goto('/haus-der-begegnung');
		await expect(visitor.locator('main').innerText()).resolves.toContain('wird noch ergänzt');
	});

	it('a notice appears as banner on every page and disappears once its end has passed', async () => {
		const now = Date.now();
		const title = `Büro am Freitag geschlossen ${now}`;

		await editor.goto('/verwaltung/hinweise/neu');
		await editor.fill('input[name="title"]', title);
		await editor.fill('textarea[name="body"]', 'Wir sind ab Montag wieder für Sie da.');
		await editor.selectOption('select[name="priority"]', 'urgent');
		await editor.fill('input[name="startsAt"]', berlinLocal(new Date(now - 10 * 60_000)));
		await editor.fill('input[name="endsAt"]', berlinLocal(new Date(now + 60 * 60_000)));
		await submit(editor, 'Anlegen');
		expect(editor.url()).toContain('/verwaltung/hinweise?angelegt=1');
		const row = editor.locator('tr', { hasText: title });
		await expect(row.innerText()).resolves.toContain('aktiv');
		await expect(row.innerText()).resolves.toContain('Dringend');

		// Where notices inform (start page, Kontakt, Haus; its HTML, over HTTP), not on other
		// pages or in the back office; and once in the browser with axe.
		const anonymous = new HttpClient();
		const staff = await HttpClient.as('content');
		for (const path of NOTICE_PAGES) {
			const res = await anonymous.get(path);
			expect(res.status, path).toBe(200);
			const banner = sectionNotices(res.body);
			expect(mainText(banner), path).toContain(title);
			expect(banner.match(/notice--urgent/g)?.length, path).toBe(1);
		}
		for (const path of ['/aktuelles', '/impressum', '/verwaltung']) {
			const res = await (path.startsWith('/verwaltung') ? staff : anonymous).get(path);
			expect(res.status, path).toBe(200);
			// No banner there (the back office's start page lists it under "ending soon" instead).
			expect(sectionNotices(res.body), path).toBe('');
		}
		await visitAndCheck(visitor, '/', 'content-notice-banner');
		const banner = visitor.locator('section.notices');
		await expect(banner.innerText()).resolves.toContain(title);
		await expect(banner.locator('.notice--urgent').count()).resolves.toBe(1);

		// The office moves the end to a minute ago (the time window itself is covered by unit tests
		// with a fixed clock; waiting here for a real end would cost a minute of every test run).
		await editor.goto('/verwaltung/hinweise');
		await row.locator('a').first().click();
		await editor.waitForLoadState('load');
		const editUrl = editor.url();
		await editor.fill('input[name="endsAt"]', berlinLocal(new Date(Date.now() - 60_000)));
		await submit(editor, 'Speichern');
		// Beside the record: its history, newest first (created, then changed).
		await editor.goto(editUrl);
		const history = editor.locator('section.record-history');
		await expect(history.locator('h2').innerText()).resolves.toBe('Verlauf');
		await expect(history.locator('ol > li').count()).resolves.toBe(2);
		await expect(history.locator('ol > li time[datetime]').count()).resolves.toBe(2);
		for (const path of PUBLIC_PAGES) {
			const res = await anonymous.get(path);
			expect(res.status, path).toBe(200);
			expect(res.body, path).not.toContain(title);
		}
		await editor.goto('/verwaltung/hinweise');
		await expect(editor.locator('tr', { hasText: title }).innerText()).resolves.toContain(
			'abgelaufen'
		);
	});

	it('published news appears on the start page, /aktuelles, its own page and in the feed', async () => {
		const title = `Sommerfest im Quartier ${Date.now()}`;
		await editor.goto('/verwaltung/neuigkeiten/neu');
		await editor.fill('input[name="title"]', title);
		await editor.fill('textarea[name="summary"]', 'Alle sind eingeladen: Musik, Kuchen & Spiele.');
		await editor.fill(
			'textarea[name="body"]',
			'## Programm\n\n- Musik\n- Kuchen\n\n**Eintritt frei.** Mehr unter [Kontakt](https://example.org/kontakt).'
		);
		await editor.check('input[name="published"]');
		await submit(editor, 'Anlegen');
		expect(editor.url()).toContain('/verwaltung/neuigkeiten?angelegt=1');
		await expect(editor.locator('tr', { hasText: title }).innerText()).resolves.toContain(
			'veröffentlicht'
		);
		const slug = `sommerfest-im-quartier-${title.split(' ').pop()}`;

		await visitor.goto('/');
		await expect(visitor.locator('#home-news ~ ul').innerText()).resolves.toContain(title);
		await visitor.goto('/aktuelles');
		await expect(visitor.locator('main h2').first().innerText()).resolves.toBe(title);
		const link = visitor.locator('link[rel="alternate"][type="application/atom+xml"]');
		await expect(link.evaluate((l) => new URL((l as HTMLLinkElement).href).pathname)).resolves.toBe(
			'/aktuelles/feed.xml'
		);

		await visitor.goto(`/aktuelles/${slug}`);
		await expect(visitor.locator('h1').innerText()).resolves.toBe(title);
		await expect(visitor.locator('.prose h2').innerText()).resolves.toBe('Programm');
		await expect(visitor.locator('.prose strong').innerText()).resolves.toBe('Eintritt frei.');
		// axe on a news page: content-pages.
		await screenshot(visitor, 'content-news-detail');

		const feed = await visitor.request.get('/aktuelles/feed.xml');
		expect(feed.status()).toBe(200);
		expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
		const entry = await visitor.evaluate(
			({ xml, wanted }) => {
				const doc = new DOMParser().parseFromString(xml, 'application/xml');
				if (doc.getElementsByTagName('parsererror').length) return { error: xml };
				const ns = 'http://www.w3.org/2005/Atom';
				const root = doc.documentElement;
				const entries = Array.from(doc.getElementsByTagNameNS(ns, 'entry'));
				const found = entries.find(
					(e) => e.getElementsByTagNameNS(ns, 'title')[0]?.textContent === wanted
				);
				return {
					root: root.namespaceURI + ' ' + root.localName,
					feedId: root.getElementsByTagNameNS(ns, 'id')[0]?.textContent,
					link: found?.getElementsByTagNameNS(ns, 'link')[0]?.getAttribute('href'),
					summary: found?.getElementsByTagNameNS(ns, 'summary')[0]?.textContent,
					content: found?.getElementsByTagNameNS(ns, 'content')[0]?.textContent,
					published: found?.getElementsByTagNameNS(ns, 'published')[0]?.textContent
				};
			},
			{ xml: await feed.text(), wanted: title }
		);
		expect(entry).toMatchObject({
			root: 'http://www.w3.org/2005/Atom feed',
			feedId: `${baseUrl()}/aktuelles`,
			link: `${baseUrl()}/aktuelles/${slug}`,
			// The summary is escaped plain text inside an html-typed element.
			summary: 'Alle sind eingeladen: Musik, Kuchen &amp; Spiele.'
		});
		expect(entry.content).toContain('<h2>Programm</h2>');
		expect(Number.isNaN(Date.parse(entry.published ?? ''))).toBe(false);

		// Unpublishing takes it off every public place again.
		await editor.goto('/verwaltung/neuigkeiten');
		await editor.locator('a', { hasText: title }).click();
		await editor.waitForLoadState('load');
		await editor.uncheck('input[name="published"]');
		await submit(editor, 'Speichern');
		expect((await visitor.goto(`/aktuelles/${slug}`))?.status()).toBe(404);
		await visitor.goto('/');
		await expect(visitor.locator('main').innerText()).resolves.not.toContain(title);
		await expect((await visitor.request.get('/aktuelles/feed.xml')).text()).resolves.not.toContain(
			title
		);
	});

	it('paginates /aktuelles with ten posts a page', async () => {
		await editor.goto('/verwaltung/neuigkeiten/neu');
		const stamp = Date.now();
		for (let i = 1; i <= 11; i++) {
			await postOk(editor, '/verwaltung/neuigkeiten/neu', {
				title: `Meldung ${stamp} Nr. ${String(i).padStart(2, '0')}`,
				slug: '',
				summary: '',
				body: `Inhalt ${i}`,
				published: 'on'
			});
		}
		await visitor.goto('/aktuelles');
		const first = visitor.locator('ul.news-list > li');
		await expect(first.count()).resolves.toBe(10);
		await expect(first.first().innerText()).resolves.toContain(`Meldung ${stamp} Nr. 11`);
		await expect(visitor.locator('nav.pagination').innerText()).resolves.toMatch(/Seite 1 von \d+/);
		await visitor.locator('nav.pagination a[rel="next"]').click();
		await visitor.waitForLoadState('load');
		expect(new URL(visitor.url()).search).toBe('?seite=2');
		await expect(visitor.locator('ul.news-list > li').first().innerText()).resolves.toContain(
			`Meldung ${stamp} Nr. 01`
		);
		await expect(
			visitor.locator('a[rel="prev"]').evaluate((a) => (a as HTMLAnchorElement).href)
		).resolves.toBe(`${baseUrl()}/aktuelles`);
		await visitAndCheck(visitor, '/aktuelles?seite=2', 'content-news-page-2');
		expect((await visitor.goto('/aktuelles?seite=999'))?.status()).toBe(404);
		expect((await visitor.goto('/aktuelles?seite=abc'))?.status()).toBe(200);
	});

	it('manages contact persons; deleting a substitute clears the link', async () => {
		await editor.goto('/verwaltung/ansprechpersonen');
		const table = await editor.locator('main table').innerText();
		expect(table).toContain('unbesetzt');
		expect(table).toContain('Frau Lindner');

		await editor.goto('/verwaltung/ansprechpersonen/neu');
		await editor.fill('input[name="roleTitle"]', 'Seniorenberatung');
		await editor.fill('input[name="name"]', 'Herr Özdemir');
		await editor.fill('input[name="phone"]', '02272 98765');
		await submit(editor, 'Anlegen');
		expect(editor.url()).toContain('/verwaltung/ansprechpersonen?angelegt=1');

		// The vacant manager position now names Herr Özdemir as substitute.
		await editor.locator('main table a', { hasText: 'Quartiersmanagement' }).click();
		await editor.waitForLoadState('load');
		await editor.selectOption('select[name="substituteId"]', { label: 'Herr Özdemir' });
		await submit(editor, 'Speichern');
		const managerRow = editor.locator('tr', { hasText: 'Quartiersmanagement' });
		await expect(managerRow.innerText()).resolves.toContain('Herr Özdemir');

		await editor.locator('main table a', { hasText: 'Seniorenberatung' }).click();
		await editor.waitForLoadState('load');
		await expect(editor.locator('main').innerText()).resolves.toContain(
			'Diese Person ist Vertretung für: Quartiersmanagement'
		);
		// Without the confirmation nothing is deleted.
		await submit(editor, 'Endgültig löschen');
		await expect(editor.locator('.error-summary').innerText()).resolves.toContain(
			'Löschen bestätigen'
		);
		await editor.check('input[name="confirm"]');
		await submit(editor, 'Endgültig löschen');
		expect(editor.url()).toContain('/verwaltung/ansprechpersonen?geloescht=1');
		const after = await editor.locator('main table').innerText();
		expect(after).not.toContain('Herr Özdemir');
		await expect(
			editor.locator('tr', { hasText: 'Quartiersmanagement' }).locator('td').nth(2).innerText()
		).resolves.toBe('–');

		// Put Kaster's substitute back: other files on this shared server read the contact page.
		await editor.locator('main table a', { hasText: 'Quartiersmanagement' }).click();
		await editor.waitForLoadState('load');
		await editor.selectOption('select[name="substituteId"]', { label: 'Frau Lindner' });
		await submit(editor, 'Speichern');
		await expect(
			editor.locator('tr', { hasText: 'Quartiersmanagement' }).locator('td').nth(2).innerText()
		).resolves.toBe('Frau Lindner');
	});

	it('edits an editable page and shows the sanitised preview after saving', async () => {
		await editor.goto('/verwaltung/seiten/impressum');
		const body = await editor.inputValue('textarea[name="body"]');
		await editor.fill(
			'textarea[name="body"]',
			`${body}\n\n## Test-Abschnitt\n\n<script>alert(1)</script> [böse](javascript:alert(1))`
		);
		await submit(editor, 'Speichern');
		const url = new URL(editor.url());
		expect(url.pathname + url.search + url.hash).toBe(
			'/verwaltung/seiten/impressum?gespeichert=1#vorschau'
		);
		const preview = editor.locator('#vorschau .prose');
		await expect(preview.locator('h2', { hasText: 'Test-Abschnitt' }).count()).resolves.toBe(1);
		await expect(preview.innerText()).resolves.toContain('<script>alert(1)</script>');
		await expect(preview.locator('script').count()).resolves.toBe(0);
		await expect(preview.locator('a[href^="javascript"]').count()).resolves.toBe(0);

		await visitor.goto('/impressum');
		await expect(visitor.locator('main h2', { hasText: 'Test-Abschnitt' }).count()).resolves.toBe(
			1
		);
		await expect(visitor.locator('main script').count()).resolves.toBe(0);
	});
});
