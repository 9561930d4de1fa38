import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { asc, eq } from 'drizzle-orm';
import { contactMessages, contactPersons, siteSettings } from '../../src/lib/server/db/schema';
import { startServer, type RunningServer } from './server';
import { closePage, launchBrowser, readMails, waitForNewMail } from './support';
import {
	mailHeader,
	marker,
	openPageAt,
	prepareDataDir,
	rawPost,
	sendContactForm,
	sendFeedbackForm,
	withDataDir
} from './contact-support';

const LINDNER = 'lindner@kaster.example';
const OFFICE = 'buero@kaster.example';

/** With addresses set, each message reaches the right person; afterwards we count the rows. */
describe('contact: who gets the mail (private server)', () => {
	let browser: Browser;
	let server: RunningServer;
	let dataDir: string;
	const goodSubmissions: string[] = [];

	beforeAll(async () => {
		browser = await launchBrowser();
		dataDir = await prepareDataDir(async (db) => {
			await db
				.update(contactPersons)
				.set({ email: LINDNER, phone: '02272 123-45', officeHours: 'Dienstag 10–12 Uhr' })
				.where(eq(contactPersons.name, 'Frau Lindner'));
			await db.update(siteSettings).set({ contactEmail: OFFICE });
		});
		server = await startServer({ SMTP_URL: inject('smtpUrl') }, { dataDir });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	const page = (javaScript = true): Promise<Page> =>
		openPageAt(browser, server.url, { javaScript });

	for (const javaScript of [true, false]) {
		it(`sends a message for the vacant position to the substitute (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
			const p = await page(javaScript);
			const tag = marker('vertretung');
			const before = readMails().length;
			await sendContactForm(p, {
				name: 'Erika Mustermann',
				email: `${tag}@besucher.example`,
				recipient: 'unbesetzt',
				subject: tag,
				message: 'Wer ist zurzeit für das Quartier zuständig?'
			});
			goodSubmissions.push(tag);
			const mail = await waitForNewMail(before, (m) => m.subject.endsWith(tag));
			expect(mail.to).toEqual([LINDNER]);
			expect(mailHeader(mail.raw, 'Reply-To')).toBe(`${tag}@besucher.example`);
			expect(mail.text).toContain('Die Stelle „Quartiersmanagement“ ist derzeit nicht besetzt.');
			expect(mail.text).toContain('Wer ist zurzeit für das Quartier zuständig?');
			expect(mail.text).toMatch(new RegExp(`${server.url}/verwaltung/nachrichten/\\d+`));
			await closePage(p);
		});
	}

	it('sends a general message to the office address and shows the filled-in card', async () => {
		const p = await page();
		await p.goto('/kontakt');
		const card = p.locator('article', { hasText: 'Frau Lindner' }).last();
		await expect(card.getByRole('link', { name: LINDNER }).getAttribute('href')).resolves.toBe(
			`mailto:${LINDNER}`
		);
		await expect(
			card.getByRole('link', { name: '02272 123-45' }).getAttribute('href')
		).resolves.toBe('tel:0227212345');
		const tag = marker('buero');
		const before = readMails().length;
		await sendContactForm(p, {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			subject: tag,
			message: 'Allgemeine Frage'
		});
		goodSubmissions.push(tag);
		const mail = await waitForNewMail(before, (m) => m.subject.endsWith(tag));
		expect(mail.to).toEqual([OFFICE]);
		await closePage(p);
	});

	it('sends accessibility feedback to the office', async () => {
		const p = await page();
		const tag = marker('feedback');
		const before = readMails().length;
		await sendFeedbackForm(p, {
			name: 'Max Muster',
			email: `${tag}@besucher.example`,
			type: 'Barriere melden',
			message: `Der Kalender ist mit der Tastatur nicht bedienbar. ${tag}`
		});
		goodSubmissions.push(tag);
		const mail = await waitForNewMail(before, (m) => m.text.includes(tag) && m.to.includes(OFFICE));
		expect(mail.subject).toMatch(/^Rückmeldung zur Barrierefreiheit Nr\. \d+: Barriere melden$/);
		expect(mail.text).toMatch(/Bitte antworten Sie bis zum \d{1,2}\. \S+ \d{4}\./);
		expect(mail.text).toContain('Ombudsstelle für barrierefreie Informationstechnik');
		await closePage(p);
	});

	it('stores markup and SQL literally, and nothing from refused posts', async () => {
		const p = await page();
		await p.goto('/kontakt');
		const tag = marker('literal');
		const literal = {
			name: "Robert'); DROP TABLE contact_messages; --",
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject: tag,
			message: '<script>alert(1)</script> <b>fett</b>'
		};
		expect((await rawPost(p, '/kontakt', literal)).status).toBe(303);
		goodSubmissions.push(tag);

		const refused: Record<string, string>[] = [
			{},
			{ ...literal, message: 'x'.repeat(100_000) },
			{ ...literal, message: 'kaputt \uFFFD' },
			{ ...literal, email: 'nicht-gültig' },
			{ ...literal, recipient: '2147483647' },
			{ ...literal, recipient: "' OR '1'='1" },
			{ ...literal, name: '' }
		];
		for (const fields of refused) expect((await rawPost(p, '/kontakt', fields)).status).toBe(400);
		expect((await rawPost(p, '/kontakt', literal, { csrf: false })).status).toBe(403);
		await p.goto('/barrierefreiheit');
		expect((await rawPost(p, '/barrierefreiheit', { feedbackType: 'x' })).status).toBe(400);
		expect(
			(
				await rawPost(p, '/barrierefreiheit', {
					...literal,
					feedbackType: 'barriere',
					website: 'bot'
				})
			).status
		).toBe(303);
		await closePage(p);

		// Stop the server to read its database: exactly the good submissions are stored.
		await server.stop();
		const rows = await withDataDir(dataDir, (db) =>
			db.select().from(contactMessages).orderBy(asc(contactMessages.id))
		);
		expect(
			rows.map((r) => (r.kind === 'accessibility' ? r.message.split(' ').pop() : r.subject))
		).toEqual(goodSubmissions);
		const stored = rows.find((r) => r.subject === tag)!;
		expect(stored.name).toBe(literal.name);
		expect(stored.message).toBe(literal.message);
	});
});

describe('contact: rate limit and no recipient (private server, 3 posts a minute)', () => {
	let browser: Browser;
	let server: RunningServer;

	beforeAll(async () => {
		browser = await launchBrowser();
		server = await startServer({ RATE_LIMIT_PER_MINUTE: '3', SMTP_URL: inject('smtpUrl') });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('stores a message nobody can be mailed about, then answers the 4th post with 429', async () => {
		const p = await openPageAt(browser, server.url);
		await p.goto('/kontakt');
		const tag = marker('niemand');
		const fields = {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject: tag,
			message: 'Hallo'
		};
		const before = readMails().length;
		// A fresh install without addresses or admin accounts: stored, receipt sent, a warning logged.
		expect((await rawPost(p, '/kontakt', fields)).status).toBe(303);
		await waitForNewMail(before, (m) => m.to.includes(fields.email));
		expect(
			readMails()
				.slice(before)
				.filter((m) => m.subject.endsWith(tag))
		).toHaveLength(0);
		await expect.poll(() => server.log()).toContain('stored without recipient');

		expect((await rawPost(p, '/kontakt', fields)).status).toBe(303);
		expect((await rawPost(p, '/kontakt', { ...fields, email: '' })).status).toBe(400);
		const limited = await rawPost(p, '/kontakt', fields);
		expect(limited.status).toBe(429);
		expect(limited.body).toContain('Sie haben in kurzer Zeit sehr viele Anfragen gesendet');
		// The user's input is kept for later.
		expect(limited.body).toContain(tag);

		await p.goto('/barrierefreiheit');
		const feedback = await rawPost(p, '/barrierefreiheit', {
			...fields,
			feedbackType: 'barriere'
		});
		expect(feedback.status).toBe(429);
		expect(feedback.body).toContain('Bitte warten Sie 1 Minute(n)');
		await closePage(p);
	});
});
