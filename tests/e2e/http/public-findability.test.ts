import { describe, expect, it } from 'vitest';
import { baseUrl, PUBLIC_PAGES } from '../support';

/**
 * What a first visitor, a search engine and a person looking for the office's notices get, over
 * plain HTTP (issue 10 §4 and §6): descriptions, robots.txt, sitemap.xml, where notices stand,
 * and the Leichte Sprache and sign-language pages.
 */
const get = async (path: string) => {
	const res = await fetch(`${baseUrl()}${path}`, { headers: { accept: 'text/html' } });
	return {
		status: res.status,
		type: res.headers.get('content-type') ?? '',
		body: await res.text()
	};
};

const VACANCY = 'Die Stelle des Quartiersmanagers ist derzeit nicht besetzt';

describe('findability', () => {
	it.each(PUBLIC_PAGES)('%s has its own meta description', async (path) => {
		const { body } = await get(path);
		const description = /<meta name="description" content="([^"]{20,})"/.exec(body)?.[1];
		expect(description, path).toBeTruthy();
	});

	it('meta descriptions differ between pages', async () => {
		const descriptions = await Promise.all(
			PUBLIC_PAGES.map(
				async (p) => /<meta name="description" content="([^"]*)"/.exec((await get(p)).body)?.[1]
			)
		);
		expect(new Set(descriptions).size).toBe(PUBLIC_PAGES.length);
	});

	it('robots.txt keeps crawlers out of the back office and points at the sitemap', async () => {
		const { status, type, body } = await get('/robots.txt');
		expect(status).toBe(200);
		expect(type).toMatch(/^text\/plain/);
		expect(body).toMatch(/^Disallow: \/verwaltung$/m);
		expect(body).toMatch(/^Disallow: \/konto$/m);
		expect(body).toContain(`Sitemap: ${baseUrl()}/sitemap.xml`);
	});

	it('sitemap.xml lists every public page, Leichte Sprache and DGS included, and the news', async () => {
		const { status, type, body } = await get('/sitemap.xml');
		expect(status).toBe(200);
		expect(type).toMatch(/^application\/xml/);
		expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
		for (const path of PUBLIC_PAGES) expect(body).toContain(`<loc>${baseUrl()}${path}</loc>`);
		expect(body).toMatch(/<loc>[^<]*\/aktuelles\/[^<]+<\/loc><lastmod>/);
		expect(body).not.toContain('/verwaltung');
	});

	it('the 404 page names the site in its title', async () => {
		const { status, body } = await get('/diese-seite-gibt-es-nicht');
		expect(status).toBe(404);
		expect(body).toMatch(/<title>Seite nicht gefunden – Quartiersmanagement Kaster<\/title>/);
	});
});

describe('notices stand where they inform', () => {
	it.each(['/', '/kontakt', '/haus-der-begegnung'])('%s shows the vacancy notice', async (path) => {
		expect((await get(path)).body).toContain(VACANCY);
	});

	it.each(['/anmelden', '/quartiersmanagement', '/impressum', '/gibt-es-nicht'])(
		'%s does not',
		async (path) => {
			expect((await get(path)).body).not.toContain(VACANCY);
		}
	);

	it('Kontakt says the vacancy once in the banner and once on the card, not a third time', async () => {
		const { body } = await get('/kontakt');
		expect(body.split('nicht besetzt').length - 1).toBe(1);
		expect(body).toContain('Stelle derzeit unbesetzt');
	});
});

describe('pages in detail', () => {
	it('the Quartiersmanagement page does not repeat the start page heading', async () => {
		const start = /<h1>([^<]*)<\/h1>/.exec((await get('/')).body)?.[1];
		const office = /<h1>([^<]*)<\/h1>/.exec((await get('/quartiersmanagement')).body)?.[1];
		expect(start).toBe('Quartiersmanagement Kaster');
		expect(office).toBe('Das Quartiersmanagement');
	});

	it('the welcome news links to the contact page', async () => {
		const { body } = await get('/aktuelles/neue-internetseite');
		expect(body).toMatch(/<a href="\/kontakt">Kontakt<\/a>/);
	});

	it('the footer explains the feed instead of linking raw XML', async () => {
		const { body } = await get('/');
		expect(body).toMatch(
			/<footer[\s\S]*href="\/aktuelles#abonnieren"[\s\S]*Neuigkeiten abonnieren/
		);
		const news = (await get('/aktuelles')).body;
		expect(news).toMatch(/id="abonnieren"/);
		expect(news).toContain('Feed-Reader');
		expect(news).toMatch(/href="[^"]*aktuelles\/feed\.xml"/);
	});

	it('the start page links to Leichte Sprache and DGS', async () => {
		const { body } = await get('/');
		expect(body).toMatch(/href="\/leichte-sprache"/);
		expect(body).toMatch(/href="\/gebaerdensprache"/);
	});

	it('the accessibility statement links to both', async () => {
		const { body } = await get('/barrierefreiheit');
		expect(body).toMatch(/href="\/leichte-sprache"/);
		expect(body).toMatch(/href="\/gebaerdensprache"/);
	});

	it('Leichte Sprache explains the site in short sentences, one per line', async () => {
		const { body } = await get('/leichte-sprache');
		expect(body).toContain('class="easy-language"');
		for (const heading of [
			'Das ist unsere Internet-Seite',
			'So finden Sie sich zurecht',
			'Barriere-Freiheit',
			'Mehr in Leichter Sprache und Gebärden-Sprache'
		]) {
			expect(body).toContain(heading);
		}
		const main = body.slice(body.indexOf('<main'), body.indexOf('</main>'));
		const sentences = main
			.replace(/<[^>]+>/g, '\n')
			.split(/\n/)
			.map((s) => s.trim())
			.filter((s) => /[.?!]$/.test(s));
		expect(sentences.length).toBeGreaterThan(20);
		for (const sentence of sentences) {
			expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(16);
			expect(sentence, 'no brackets').not.toMatch(/[()]/);
		}
	});

	it('the DGS page says honestly that there is no video yet, and how to reach the office instead', async () => {
		const { body } = await get('/gebaerdensprache');
		expect(body).not.toContain('<video');
		expect(body).toContain('gibt es noch nicht');
		expect(body).toContain('Gebärdensprachdolmetschung');
		expect(body).toContain('Was steht im Video?');
		expect((await get('/medien/gebaerdensprache.mp4')).status).toBe(404);
		expect((await get('/medien/anderes.mp4')).status).toBe(404);
	});
});
