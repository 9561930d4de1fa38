import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '$lib/server/db/client';
import { bookingRequests, bookings, outboxMails } from '$lib/server/db/schema';
import { resetRateLimits } from '$lib/server/security/rate-limit';
import { seedSite } from '$lib/server/site/seed-site';
import { resetClock, setClock } from '$lib/server/time';
import { actions } from './+page.server';

/*
 * The request form's two steps on a real database, without HTTP: what it answers to bad input
 * (a German message per field, the input kept, nothing stored) and to a good request.
 */

// A Monday; the Gruppenraum (20 people, 15 minutes tidy-up) is open 08:00–22:00 on weekdays.
const NOW = new Date('2026-11-02T09:00:00Z');
const THANKS = '/raeume/gruppenraum/anfragen/danke';

describe('room request form actions', () => {
	let database: Database;
	let db: Db;
	let ip = 0;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		resetRateLimits();
		await db.delete(bookings);
		await db.delete(bookingRequests);
		await db.delete(outboxMails);
	});
	afterEach(() => resetClock());

	const post = (action: 'pruefen' | 'senden', fields: Fields, slug = 'gruppenraum') =>
		call(actions[action] as Handler, {
			db,
			path: `/raeume/${slug}/anfragen?/${action}`,
			params: { slug },
			fields,
			ip: `10.1.0.${++ip}`
		});

	const good = (over: Fields = {}): Fields => ({
		date: '2026-11-18',
		startTime: '18:00',
		endTime: '20:00',
		repeat: 'once',
		interval: '2',
		until: '',
		purpose: 'Treffen der Nachbarschaftshilfe',
		attendees: '12',
		name: 'Erika Muster',
		email: 'erika@example.org',
		phone: '',
		organisation: 'Nachbarschaftshilfe Kaster',
		showOrganisation: 'on',
		acceptRules: 'on',
		...over
	});

	async function stored() {
		const [{ requests }] = await db.select({ requests: count() }).from(bookingRequests);
		const [{ dates }] = await db.select({ dates: count() }).from(bookings);
		const [{ mails }] = await db.select({ mails: count() }).from(outboxMails);
		return { requests, dates, mails };
	}
	const nothing = { requests: 0, dates: 0, mails: 0 };

	it('checks a good request, then sends it: 303 to the thank-you page, stored with the receipt', async () => {
		const checked = await post('pruefen', good());
		expect(checked.status).toBe(200);
		const preview = checked.data?.preview as { date: string; state: string }[];
		expect(preview.map((d) => `${d.date} ${d.state}`)).toEqual(['2026-11-18 free']);
		expect(checked.data?.values).toMatchObject({ name: 'Erika Muster', acceptRules: 'on' });
		expect(await stored()).toEqual(nothing);

		expect(await post('senden', good())).toEqual({ status: 303, location: THANKS });
		// The receipt to the requester (the seed's contact persons have no address yet).
		expect(await stored()).toEqual({ requests: 1, dates: 1, mails: 1 });
	});

	it('refuses an empty form, naming each required field in German, and stores nothing', async () => {
		const result = await post('pruefen', {});
		expect(result.status).toBe(400);
		expect(result.errors).toEqual({
			date: 'Bitte füllen Sie das Feld „Datum“ aus.',
			startTime: 'Bitte füllen Sie das Feld „Von“ aus.',
			endTime: 'Bitte füllen Sie das Feld „Bis“ aus.',
			repeat: 'Bitte wählen Sie bei „Wiederholung“ eine der angebotenen Möglichkeiten.',
			purpose: 'Bitte füllen Sie das Feld „Wofür brauchen Sie den Raum?“ aus.',
			attendees: 'Bitte geben Sie bei „Anzahl Personen“ eine gültige Zahl ein.',
			name: 'Bitte füllen Sie das Feld „Ihr Name“ aus.',
			email: 'Bitte füllen Sie das Feld „Ihre E-Mail-Adresse“ aus.',
			acceptRules: 'Bitte bestätigen Sie „Hausordnung“.'
		});
		expect((await post('senden', {})).status).toBe(400);
		expect(await stored()).toEqual(nothing);
	});

	it('refuses huge, wrong-typed and invalid input per field, keeping the input', async () => {
		const file = new File(['<script>alert(1)</script>'], 'a.html', { type: 'text/html' });
		const cases: [Fields, string, string][] = [
			[
				{ purpose: 'x'.repeat(100_000) },
				'purpose',
				'„Wofür brauchen Sie den Raum?“ darf höchstens 500 Zeichen lang sein.'
			],
			[{ name: 'x'.repeat(101) }, 'name', '„Ihr Name“ darf höchstens 100 Zeichen lang sein.'],
			[{ phone: '1'.repeat(41) }, 'phone', '„Telefon“ darf höchstens 40 Zeichen lang sein.'],
			[
				{ organisation: 'x'.repeat(121) },
				'organisation',
				'„Gruppe oder Verein“ darf höchstens 120 Zeichen lang sein.'
			],
			[{ name: file }, 'name', '„Ihr Name“ muss ein Text sein, keine Datei.'],
			[
				{ name: 'Erika\u0000' },
				'name',
				'„Ihr Name“ enthält ungültige Zeichen. Bitte prüfen Sie Ihre Eingabe.'
			],
			[
				{ email: 'erika(at)example' },
				'email',
				'Bitte geben Sie bei „Ihre E-Mail-Adresse“ eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.'
			],
			[
				{ repeat: 'daily' },
				'repeat',
				'Bitte wählen Sie bei „Wiederholung“ eine der angebotenen Möglichkeiten.'
			],
			[{ date: '31.02.2026' }, 'date', ''],
			[{ startTime: '25:00' }, 'startTime', ''],
			[{ acceptRules: '' }, 'acceptRules', 'Bitte bestätigen Sie „Hausordnung“.']
		];
		for (const attendees of ['0', '1.5', 'abc', '10001', '-3', '1e9']) {
			cases.push([
				{ attendees },
				'attendees',
				'Bitte geben Sie bei „Anzahl Personen“ eine gültige Zahl ein.'
			]);
		}
		for (const [over, field, message] of cases) {
			const result = await post('senden', good(over));
			expect(result.status, field).toBe(400);
			expect(Object.keys(result.errors ?? {}), field).toEqual([field]);
			if (message) expect(result.errors?.[field]).toBe(message);
			else expect(result.errors?.[field]).toMatch(/„(Datum|Von)“/);
			expect(result.values?.purpose?.length ?? 0).toBeLessThanOrEqual(20_000);
		}
		expect(await stored()).toEqual(nothing);
	});

	it('refuses times the rules do not allow, with the rule in German', async () => {
		const cases: [Fields, string, string | RegExp][] = [
			[{ startTime: '20:00', endTime: '18:00' }, 'endTime', '„Bis“ muss nach „Von“ liegen.'],
			[{ date: '2026-10-28' }, 'date', 'Dieser Termin liegt in der Vergangenheit.'],
			[
				{ attendees: '21' },
				'attendees',
				'In diesen Raum passen höchstens 20 Personen. Bitte wählen Sie einen größeren Raum.'
			],
			[
				{ repeat: 'weekly', until: '2036-11-18' },
				'until',
				/^Eine Serie darf höchstens 104 Termine und zwei Jahre umfassen/
			],
			[{ repeat: 'interval', interval: '9', until: '2026-12-30' }, 'interval', /angebotenen/],
			[{ repeat: 'weekly', until: '' }, 'until', /bis zu welchem Datum/],
			[{ startTime: '21:00', endTime: '23:00' }, 'startTime', /nur 08:00–22:00 Uhr geöffnet/],
			[{ date: '2026-12-25' }, 'date', 'An diesem Tag ist geschlossen: 1. Weihnachtstag.']
		];
		for (const [over, field, message] of cases) {
			const result = await post('senden', good(over));
			expect(result.status, field).toBe(400);
			expect(result.errors?.[field], field).toEqual(
				typeof message === 'string' ? message : expect.stringMatching(message)
			);
		}
		expect(await stored()).toEqual(nothing);
	});

	it('stores markup, SQL and unicode literally', async () => {
		const name = "Zoë Ünal 😀'); DROP TABLE booking_requests; --";
		const purpose = '<script>alert("x")</script>\n<img src=x onerror=alert(1)>';
		expect(await post('senden', good({ name, purpose }))).toEqual({
			status: 303,
			location: THANKS
		});
		const [row] = await db.select().from(bookingRequests);
		expect(row).toMatchObject({ name, purpose, showOrganisation: true });
	});

	it('answers 409 for a taken time with the message at the top and the input kept', async () => {
		expect((await post('senden', good())).status).toBe(303);
		const result = await post('senden', good({ name: 'Zweite Gruppe', startTime: '19:00' }));
		expect(result.status).toBe(409);
		expect(Object.values(result.errors ?? {})).toEqual([
			'Der Raum ist am Mittwoch, 18. November 2026, 18:00–20:15 schon belegt. Bitte wählen Sie eine andere Zeit oder einen anderen Raum.'
		]);
		expect(result.values?.name).toBe('Zweite Gruppe');
		expect(await stored()).toMatchObject({ requests: 1, dates: 1 });
	});

	it('sends a weekly series, leaving out the taken date the preview showed', async () => {
		expect((await post('senden', good({ date: '2026-11-25' }))).status).toBe(303);
		const series = good({ repeat: 'weekly', until: '2026-12-09', name: 'Chor' });
		const checked = await post('pruefen', series);
		const preview = checked.data?.preview as { date: string; state: string }[];
		expect(preview.map((d) => `${d.date} ${d.state}`)).toEqual([
			'2026-11-18 free',
			'2026-11-25 taken',
			'2026-12-02 free',
			'2026-12-09 free'
		]);
		// Sent without agreeing to leave it out (no preview): refused, nothing more stored.
		expect((await post('senden', series)).status).toBe(409);
		expect(await stored()).toMatchObject({ requests: 1 });
		const sent = await post('senden', { ...series, acceptedUnavailable: '2026-11-25' });
		expect(sent).toEqual({ status: 303, location: THANKS });
		expect(await stored()).toMatchObject({ requests: 2, dates: 5 });
		// A tampered hidden field is refused.
		const bad = await post('senden', { ...series, acceptedUnavailable: "1' OR 1=1" });
		expect(bad.errors).toEqual({
			acceptedUnavailable:
				'Die Vorschau ist nicht mehr gültig. Bitte prüfen Sie die Termine noch einmal.'
		});
	});

	it('drops a filled honeypot like a success, and answers 404 for an unknown room', async () => {
		expect(await post('senden', good({ website: 'http://spam.example' }))).toEqual({
			status: 303,
			location: THANKS
		});
		expect(await stored()).toEqual(nothing);
		expect((await post('pruefen', good(), 'keller')).status).toBe(404);
	});
});
