import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { contactMessages, contactPersons, siteSettings } from '../../../src/lib/server/db/schema';
import { createStaffUser, TEST_PASSWORD } from '../../factories';
import { startTestSmtpServer, type ReceivedMail } from '../../helpers/smtp';
import { HttpClient, mainText } from '../http';
import { startServer, type RunningServer } from '../server';
import { mailHeader, marker, prepareDataDir, withDataDir } from '../contact-support';

const LINDNER = 'lindner@kaster.example';
const OFFICE = 'buero@kaster.example';
const ADMIN = 'postausgang-admin@kaster.example';

async function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/**
 * One private server, with the addresses set and an admin account, whose mail server is down at
 * first: the outbox keeps the mail with its error until "Jetzt erneut versuchen" delivers it;
 * then each message reaches the right person. At the end the test counts the stored rows.
 * (A fresh install without any address, and the rate limit of the public forms, are tested
 * in-process: submit-contact-message.test.ts and kontakt/contact-form.test.ts.)
 */
describe('contact: outbox while the mail server is down, and who gets the mail (private server)', () => {
	let server: RunningServer;
	let dataDir: string;
	let port: number;
	let smtp: Awaited<ReturnType<typeof startTestSmtpServer>> | undefined;
	let admin: HttpClient;
	const goodSubmissions: string[] = [];

	beforeAll(async () => {
		dataDir = await prepareDataDir(async (db) => {
			await db
				.update(contactPersons)
				.set({ email: LINDNER, phone: '02272 123-45', officeHours: 'Dienstag 10–12 Uhr' })
				.where(eq(contactPersons.name, 'Frau Lindner'));
			await db.update(siteSettings).set({ contactEmail: OFFICE });
			await createStaffUser(db, { email: ADMIN, roles: ['admin'], session: false });
		});
		port = await closedPort();
		server = await startServer({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { dataDir });
		admin = await HttpClient.login(ADMIN, TEST_PASSWORD, server.url);
	});
	afterAll(async () => {
		await server?.stop();
		await smtp?.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	const visitor = () => new HttpClient(server.url);

	async function mailTo(filter: (m: ReceivedMail) => boolean): Promise<ReceivedMail> {
		await expect.poll(() => smtp?.received.some(filter), { timeout: 15_000 }).toBe(true);
		return smtp!.received.find(filter)!;
	}

	it('keeps the mail with its error, and "Jetzt erneut versuchen" delivers it once the server is up', async () => {
		const tag = marker('smtp-weg');
		const sent = await visitor().submit('/kontakt', {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject: tag,
			message: 'Geht die Mail verloren?'
		});
		expect(sent.status).toBe(303);
		goodSubmissions.push(tag);

		const rowText = async () => {
			const html = (await admin.get('/verwaltung/postausgang')).body;
			const item = html
				.split(/<li\b/)
				.find((i) => i.includes(tag) && i.includes('Kontaktformular'));
			return mainText(item ?? '');
		};
		await expect
			.poll(rowText, { timeout: 20_000 })
			.toMatch(/Versuche: 1[\s\S]*Letzter Fehler: .*ECONNREFUSED/);
		expect(await rowText()).toContain('wartet');

		const outbox = (await admin.get('/verwaltung/postausgang')).body;
		const row = outbox.split(/<li\b/).find((i) => i.includes(tag) && i.includes('Kontaktformular'));
		const id = /name="id" value="(\d+)"/.exec(row ?? '')?.[1];
		expect(id, 'the row has a retry form').toBeDefined();

		smtp = await startTestSmtpServer({ port });
		const retried = await admin.post('/verwaltung/postausgang?/retry', { id: id! });
		expect(retried.status).toBe(200);
		expect(mainText(retried.body)).toContain('Die Mail wird jetzt noch einmal verschickt.');
		await expect
			.poll(() => smtp!.received.filter((m) => m.subject.endsWith(tag)).length, { timeout: 10_000 })
			.toBe(1);
		expect(smtp.received.find((m) => m.subject.endsWith(tag))?.to).toEqual([OFFICE]);
		await expect.poll(rowText, { timeout: 10_000 }).toContain('gesendet');
		// Still exactly one copy after a few more polls of the sender.
		await new Promise((r) => setTimeout(r, 2500));
		expect(smtp.received.filter((m) => m.subject.endsWith(tag))).toHaveLength(1);
	});

	it('sends a message for the vacant position to the substitute', async () => {
		const tag = marker('vertretung');
		const sent = await visitor().submit('/kontakt', {
			name: 'Erika Mustermann',
			email: `${tag}@besucher.example`,
			recipient: await recipientValue('unbesetzt'),
			subject: tag,
			message: 'Wer ist zurzeit für das Quartier zuständig?'
		});
		expect(sent.status).toBe(303);
		goodSubmissions.push(tag);
		const mail = await mailTo((m) => m.subject.endsWith(tag));
		expect(mail.to).toEqual([LINDNER]);
		expect(mailHeader(mail.raw, 'Reply-To')).toBe(`${tag}@besucher.example`);
		expect(mail.text).toContain('Die Stelle „Quartiersmanagement“ ist derzeit nicht besetzt.');
		expect(mail.text).toContain('Wer ist zurzeit für das Quartier zuständig?');
		expect(mail.text).toMatch(new RegExp(`${server.url}/verwaltung/nachrichten/\\d+`));
	});

	/** The value of the "An wen?" option whose text contains `label`. */
	async function recipientValue(label: string): Promise<string> {
		const html = (await visitor().get('/kontakt')).body;
		const option = [...html.matchAll(/<option\b[^>]*value="([^"]*)"[^>]*>([^<]*)</g)].find((m) =>
			m[2].includes(label)
		);
		if (!option) throw new Error(`no option "${label}" on /kontakt`);
		return option[1];
	}

	it('sends a general message to the office address and shows the filled-in card', async () => {
		const html = (await visitor().get('/kontakt')).body;
		const card =
			html
				.split(/<article\b/)
				.filter((a) => a.includes('Frau Lindner'))
				.pop() ?? '';
		expect(card).toContain(`href="mailto:${LINDNER}"`);
		expect(card).toMatch(/<a\b[^>]*href="tel:0227212345"[^>]*>\s*02272 123-45\s*</);
		const tag = marker('buero');
		const sent = await visitor().submit('/kontakt', {
			name: 'Erika',
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject: tag,
			message: 'Allgemeine Frage'
		});
		expect(sent.status).toBe(303);
		goodSubmissions.push(tag);
		const mail = await mailTo((m) => m.subject.endsWith(tag));
		expect(mail.to).toEqual([OFFICE]);
	});

	it('sends accessibility feedback to the office', async () => {
		const tag = marker('feedback');
		const sent = await visitor().submit('/barrierefreiheit', {
			name: 'Max Muster',
			email: `${tag}@besucher.example`,
			feedbackType: 'barriere',
			pageUrl: '',
			message: `Der Kalender ist mit der Tastatur nicht bedienbar. ${tag}`
		});
		expect(sent.status).toBe(303);
		goodSubmissions.push(tag);
		const mail = await mailTo((m) => m.text.includes(tag) && m.to.includes(OFFICE));
		expect(mail.subject).toMatch(/^Rückmeldung zur Barrierefreiheit Nr\. \d+: Barriere melden$/);
		expect(mail.text).toMatch(/Bitte antworten Sie bis zum \d{1,2}\. \S+ \d{4}\./);
		expect(mail.text).toContain('Ombudsstelle für barrierefreie Informationstechnik');
	});

	it('stores markup and SQL literally, and nothing from refused posts', async () => {
		const client = visitor();
		await client.get('/kontakt');
		const tag = marker('literal');
		const literal = {
			name: "Robert'); DROP TABLE contact_messages; --",
			email: `${tag}@besucher.example`,
			recipient: 'buero',
			subject: tag,
			message: '<script>alert(1)</script> <b>fett</b>'
		};
		expect((await client.post('/kontakt', literal)).status).toBe(303);
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
		for (const fields of refused) expect((await client.post('/kontakt', fields)).status).toBe(400);
		expect((await client.post('/kontakt', literal, { csrf: false })).status).toBe(403);
		expect((await client.post('/barrierefreiheit', { feedbackType: 'x' })).status).toBe(400);
		expect(
			(
				await client.post('/barrierefreiheit', {
					...literal,
					feedbackType: 'barriere',
					website: 'bot'
				})
			).status
		).toBe(303);

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
