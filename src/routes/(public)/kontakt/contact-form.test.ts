import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '$lib/server/db/client';
import { contactMessages, contactPersons, outboxMails } from '$lib/server/db/schema';
import { resetRateLimits } from '$lib/server/security/rate-limit';
import { seedSite } from '$lib/server/site/seed-site';
import { actions as contactActions } from './+page.server';
import { actions as feedbackActions } from '../barrierefreiheit/+page.server';

/*
 * The form actions end to end on a real database, without HTTP: what the route answers to bad
 * input, and that nothing is stored when it refuses. (CSRF is the hook's job: see the e2e tests.)
 */

describe('contact form and accessibility feedback actions', () => {
	let database: Database;
	let db: Db;
	let lindnerId: number;
	let ipCounter = 0;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const persons = await db.select().from(contactPersons);
		lindnerId = persons.find((p) => p.name === 'Frau Lindner')!.id;
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		resetRateLimits();
		await db.delete(outboxMails);
		await db.delete(contactMessages);
	});

	const post = (action: Handler, path: string, fields: Fields, ip = `10.0.0.${++ipCounter}`) =>
		call(action, { db, path, fields, ip });
	const sendContact = (fields: Fields, ip?: string) =>
		post(contactActions.default as Handler, '/kontakt', fields, ip);
	const sendFeedback = (fields: Fields, ip?: string) =>
		post(feedbackActions.default as Handler, '/barrierefreiheit', fields, ip);

	async function stored() {
		const [{ n }] = await db.select({ n: count() }).from(contactMessages);
		const [{ mails }] = await db.select({ mails: count() }).from(outboxMails);
		return { messages: n, mails };
	}

	const good = () => ({
		name: 'Erika Mustermann',
		email: 'erika@example.org',
		recipient: String(lindnerId),
		subject: 'Frage',
		message: 'Hallo!'
	});
	const goodFeedback = () => ({
		name: 'Erika Mustermann',
		email: 'erika@example.org',
		feedbackType: 'barriere',
		pageUrl: '',
		message: 'Der Knopf ist zu klein.'
	});

	it('stores a good message and sends the visitor to the thank-you page', async () => {
		expect(await sendContact(good())).toEqual({ status: 303, location: '/kontakt/danke' });
		expect(await stored()).toEqual({ messages: 1, mails: 1 });
	});

	it('refuses an empty form, naming each required field, and stores nothing', async () => {
		const result = await sendContact({
			name: '',
			email: '',
			recipient: 'buero',
			subject: '',
			message: ''
		});
		expect(result.status).toBe(400);
		expect(result.errors).toEqual({
			name: 'Bitte füllen Sie das Feld „Ihr Name“ aus.',
			email: 'Bitte füllen Sie das Feld „Ihre E-Mail-Adresse“ aus.',
			message: 'Bitte füllen Sie das Feld „Ihre Nachricht“ aus.'
		});
		expect((await sendContact({})).status).toBe(400);
		expect(await stored()).toEqual({ messages: 0, mails: 0 });
	});

	it('refuses a 100 kB message with a German message naming the field', async () => {
		const result = await sendContact({ ...good(), message: 'x'.repeat(100_000) });
		expect(result.status).toBe(400);
		expect(result.errors?.message).toBe('„Ihre Nachricht“ darf höchstens 5000 Zeichen lang sein.');
		// The input comes back (to fix it), but cut to a sane size.
		expect(result.values?.message.length).toBeLessThanOrEqual(20_000);
		expect((await sendContact({ ...good(), message: 'x'.repeat(5000) })).status).toBe(303);
		expect(await stored()).toMatchObject({ messages: 1 });
	});

	it('refuses files where text is expected', async () => {
		const file = new File(['<script>alert(1)</script>'], 'a.html', { type: 'text/html' });
		const result = await sendContact({ ...good(), message: file, recipient: file });
		expect(result.status).toBe(400);
		expect(result.errors?.message).toBe('„Ihre Nachricht“ muss ein Text sein, keine Datei.');
		expect(result.errors?.recipient).toBe(
			'Bitte wählen Sie bei „An wen?“ eine der angebotenen Möglichkeiten.'
		);
		expect(await stored()).toEqual({ messages: 0, mails: 0 });
	});

	it('refuses invalid characters and an invalid e-mail address', async () => {
		for (const [fieldName, value, label] of [
			['message', 'Hallo \uFFFD', 'Ihre Nachricht'],
			['name', 'Erika\u0007', 'Ihr Name'],
			['subject', 'Frage\u0000', 'Betreff']
		]) {
			const result = await sendContact({ ...good(), [fieldName]: value });
			expect(result.status).toBe(400);
			expect(result.errors?.[fieldName]).toBe(
				`„${label}“ enthält ungültige Zeichen. Bitte prüfen Sie Ihre Eingabe.`
			);
		}
		const result = await sendContact({ ...good(), email: 'erika(at)example' });
		expect(result.errors?.email).toMatch(/gültige E-Mail-Adresse/);
		expect(await stored()).toEqual({ messages: 0, mails: 0 });
	});

	it('refuses a contact person that does not exist, naming the field', async () => {
		for (const recipient of ['999999', 'abc', '-1', '1 OR 1=1', '']) {
			const result = await sendContact({ ...good(), recipient });
			expect(result.status, recipient).toBe(400);
			expect(result.errors).toEqual({
				recipient: 'Bitte wählen Sie bei „An wen?“ eine der angebotenen Möglichkeiten.'
			});
		}
		expect(await stored()).toEqual({ messages: 0, mails: 0 });
	});

	it('stores markup and SQL literally', async () => {
		const name = "Robert'); DROP TABLE contact_messages; --";
		const message = '<script>alert("x")</script>\n<img src=x onerror=alert(1)>';
		expect((await sendContact({ ...good(), name, message })).status).toBe(303);
		const [row] = await db.select().from(contactMessages);
		expect(row.name).toBe(name);
		expect(row.message).toBe(message);
	});

	it('drops a message with the honeypot filled, looking like success', async () => {
		expect(await sendContact({ ...good(), website: 'http://spam.example' })).toEqual({
			status: 303,
			location: '/kontakt/danke'
		});
		expect(await stored()).toEqual({ messages: 0, mails: 0 });
	});

	it('limits posts per address with a German 429 and stores nothing over the limit', async () => {
		const ip = '192.0.2.77';
		// The default limit is 10 a minute; failed posts count too.
		for (let i = 0; i < 10; i += 1) expect((await sendContact({}, ip)).status).toBe(400);
		const result = await sendContact(good(), ip);
		expect(result.status).toBe(429);
		expect(result.errors?._form).toMatch(/^Sie haben in kurzer Zeit sehr viele Anfragen gesendet/);
		expect(result.values?.name).toBe('Erika Mustermann');
		const feedback = await sendFeedback(goodFeedback(), ip);
		expect(feedback.status).toBe(429);
		expect(feedback.errors?._form).toContain('Bitte warten Sie 1 Minute(n)');
		expect(await stored()).toEqual({ messages: 0, mails: 0 });
		expect((await sendContact(good(), '192.0.2.78')).status).toBe(303);
	});

	it('stores good accessibility feedback', async () => {
		expect(await sendFeedback(goodFeedback())).toEqual({
			status: 303,
			location: '/barrierefreiheit/danke'
		});
		const [row] = await db.select().from(contactMessages);
		expect(row.kind).toBe('accessibility');
		expect(row.dueAt).toBeInstanceOf(Date);
	});

	it('refuses bad accessibility feedback and stores nothing', async () => {
		let result = await sendFeedback({});
		expect(result.status).toBe(400);
		expect(Object.keys(result.errors ?? {}).sort()).toEqual([
			'email',
			'feedbackType',
			'message',
			'name'
		]);

		result = await sendFeedback({ ...goodFeedback(), feedbackType: 'beschwerde' });
		expect(result.errors).toEqual({
			feedbackType: 'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.'
		});
		result = await sendFeedback({ ...goodFeedback(), message: 'ä'.repeat(100_000) });
		expect(result.errors?.message).toBe('„Ihre Nachricht“ darf höchstens 5000 Zeichen lang sein.');
		result = await sendFeedback({ ...goodFeedback(), pageUrl: 'x'.repeat(501) });
		expect(result.errors?.pageUrl).toBe('„Betroffene Seite“ darf höchstens 500 Zeichen lang sein.');
		result = await sendFeedback({ ...goodFeedback(), website: 'spam' });
		expect(result.status).toBe(303);
		expect(await stored()).toEqual({ messages: 0, mails: 0 });
	});
});
