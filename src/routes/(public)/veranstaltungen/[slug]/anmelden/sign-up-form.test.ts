import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Database, Db } from '$lib/server/db/client';
import { eventOccurrences, eventRegistrations, outboxMails } from '$lib/server/db/schema';
import { createEvent } from '$lib/server/events/create-event';
import { eventInputSchema } from '$lib/server/events/events.schemas';
import { parseFormData } from '$lib/server/form';
import { resetRateLimits } from '$lib/server/security/rate-limit';
import { seedSite } from '$lib/server/site/seed-site';
import { resetClock, setClock } from '$lib/server/time';
import { actions, load } from './+page.server';

/*
 * The sign-up form on a real database, without HTTP: bad input gives a German message per field
 * with the input kept and nothing stored; a good sign-up redirects to the thank-you page.
 */

const NOW = new Date('2026-11-02T09:00:00Z');

describe('event sign-up form', () => {
	let database: Database;
	let db: Db;
	let ip = 0;
	let slug: string;
	let dateId: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		setClock(NOW);
		await seedSite(db);
		const content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		const form = new FormData();
		const fields: Record<string, string> = {
			title: 'Kochabend',
			slug: 'kochabend',
			date: '2026-11-12',
			startTime: '19:00',
			endTime: '21:00',
			repeat: 'weekly',
			repeatEnd: 'count',
			count: '2',
			placeName: 'Pfarrheim',
			isFree: 'on',
			registrationEnabled: 'on',
			registrationCapacity: '2',
			registrationWaitlist: 'on'
		};
		for (const [k, v] of Object.entries(fields)) form.append(k, v);
		const parsed = parseFormData(form, eventInputSchema);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		const created = await createEvent(db, { actor: content, input: parsed.data });
		slug = created.slug;
		[{ id: dateId }] = await db
			.select({ id: eventOccurrences.id })
			.from(eventOccurrences)
			.where(eq(eventOccurrences.eventId, created.id))
			.orderBy(asc(eventOccurrences.startsAt));
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(() => {
		setClock(NOW);
		resetRateLimits();
	});
	afterEach(() => resetClock());

	const post = (fields: Fields, termin: string = String(dateId)) =>
		call(actions.default as Handler, {
			db,
			path: `/veranstaltungen/${slug}/anmelden?termin=${termin}`,
			params: { slug },
			fields,
			ip: `10.2.0.${++ip}`
		});
	const open = (termin: string) =>
		call(load as Handler, {
			db,
			path: `/veranstaltungen/${slug}/anmelden${termin}`,
			params: { slug }
		});
	async function stored() {
		const [{ registrations }] = await db
			.select({ registrations: count() })
			.from(eventRegistrations);
		const [{ mails }] = await db.select({ mails: count() }).from(outboxMails);
		return { registrations, mails };
	}
	const good = (over: Fields = {}): Fields => ({
		name: 'Aylin Demir',
		email: 'aylin@example.org',
		persons: '1',
		note: '',
		...over
	});

	it('opens the form for a date of the series, sends a series without a date to its page', async () => {
		expect((await open(`?termin=${dateId}`)).status).toBe(200);
		expect(await open('')).toEqual({ status: 303, location: `/veranstaltungen/${slug}#anmeldung` });
		for (const bad of ['?termin=abc', '?termin=-1', '?termin=99999999', "?termin=1'--"]) {
			expect((await open(bad)).status).toBe(404);
		}
	});

	it('refuses bad input per field in German, keeping the input, storing nothing', async () => {
		const empty = await post({});
		expect(empty.status).toBe(400);
		expect(empty.errors).toMatchObject({
			name: 'Bitte füllen Sie das Feld „Name“ aus.',
			email: 'Bitte füllen Sie das Feld „E-Mail“ aus.',
			persons: 'Bitte geben Sie bei „Anzahl Personen“ eine gültige Zahl ein.'
		});
		const huge = await post(good({ name: 'x'.repeat(100_000), persons: '11' }));
		expect(huge.status).toBe(400);
		expect(huge.errors?.name).toBe('„Name“ darf höchstens 120 Zeichen lang sein.');
		expect(huge.errors?.persons).toBeTruthy();
		expect(huge.values?.persons).toBe('11');
		expect(await stored()).toEqual({ registrations: 0, mails: 0 });
	});

	it('signs up, then puts the next on the waitlist with the place in the address', async () => {
		const thanks = `/veranstaltungen/${slug}/anmelden/danke`;
		expect(await post(good({ persons: '2' }))).toEqual({ status: 303, location: thanks });
		expect(await post(good({ email: 'ben@example.org' }))).toEqual({
			status: 303,
			location: `${thanks}?platz=1`
		});
		const twice = await post(good({ email: 'AYLIN@example.org' }));
		expect(twice.status).toBe(409);
		expect(twice.errors?.email).toMatch(/schon eine Anmeldung/);
		expect(await stored()).toEqual({ registrations: 2, mails: 2 });
	});

	it('answers a bot that fills the hidden field like a success and stores nothing', async () => {
		const before = await stored();
		const bot = await post(good({ email: 'bot@example.org', website: 'http://spam' }));
		expect(bot.status).toBe(303);
		expect(await stored()).toEqual(before);
	});
});
