import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import type { Database, Db } from '$lib/server/db/client';
import { auditLog, contactPersons, venues } from '$lib/server/db/schema';
import { seedSite } from '$lib/server/site/seed-site';
import { load as listLoad } from './+page.server';
import { actions as editActions, load as editLoad } from './[id=id]/+page.server';
import { actions as newActions } from './neu/+page.server';

/*
 * The places (Orte) in the back office, without HTTP: the list, a new place, editing one with
 * its booking contact. Bad input comes back as 400 with a German message and stores nothing.
 */

describe('venues in the back office', () => {
	let database: Database;
	let db: Db;
	let editor: Actor;
	let roomsStaff: Actor;
	let main: typeof venues.$inferSelect;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		editor = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		[main] = await db.select().from(venues).where(eq(venues.slug, 'haus-der-begegnung'));
	});
	afterAll(async () => {
		await database?.close();
	});

	const good = (over: Fields = {}): Fields => ({
		name: 'Pfarrsaal St. Rochus',
		description: '',
		street: 'Kirchstraße 2',
		postalCode: '50181',
		city: 'Bedburg',
		openingHours: '',
		accessibility: '',
		bookingContactId: '',
		...over
	});
	const create = (fields: Fields, actor = editor) =>
		call(newActions.default as Handler, { db, actor, path: '/verwaltung/haus/neu', fields });
	const save = (id: number, fields: Fields, actor = editor) =>
		call(editActions.default as Handler, {
			db,
			actor,
			path: `/verwaltung/haus/${id}`,
			params: { id: String(id) },
			fields
		});
	const venueCount = async () => (await db.select({ n: count() }).from(venues))[0].n;

	it('lists the main venue first with its rooms counted', async () => {
		const answer = await call(listLoad as Handler, { db, actor: editor, path: '/verwaltung/haus' });
		expect(answer.status).toBe(200);
		const list = answer.data?.venues as { id: number; name: string; roomCount: number }[];
		expect(list[0]).toMatchObject({ id: main.id, name: main.name, roomCount: 3 });
	});

	it('creates a place with a slug from its name and refuses the same name again', async () => {
		const answer = await create(good());
		expect(answer).toMatchObject({ status: 303, location: '/verwaltung/haus?angelegt=1' });
		const [saal] = await db.select().from(venues).where(eq(venues.slug, 'pfarrsaal-st-rochus'));
		expect(saal).toMatchObject({ name: 'Pfarrsaal St. Rochus', street: 'Kirchstraße 2' });
		const audit = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'venue'), eq(auditLog.entityId, String(saal.id))));
		expect(audit.map((a) => a.action)).toEqual(['venue.created']);

		const before = await venueCount();
		const again = await create(good({ name: 'Pfarrsaal  St. Rochus!' }));
		expect(again.status).toBe(409);
		expect(again.errors?.name).toMatch(/schon einen Ort mit diesem Namen/);
		expect(await venueCount()).toBe(before);
	});

	const bad: [string, Fields, string, RegExp][] = [
		['an empty name', { name: '' }, 'name', /Bitte füllen Sie das Feld „Name des Hauses“ aus/],
		['a huge name', { name: 'x'.repeat(201) }, 'name', /höchstens 200 Zeichen/],
		['a bad postal code', { postalCode: '5018' }, 'postalCode', /fünf Ziffern/],
		[
			'a made-up contact',
			{ bookingContactId: 'abc' },
			'bookingContactId',
			/angebotenen Möglichkeiten/
		],
		[
			'an unknown contact',
			{ bookingContactId: '999999' },
			'bookingContactId',
			/angebotenen Möglichkeiten/
		],
		['bidi controls', { name: 'Saal \u202Eevil' }, 'name', /unsichtbare Steuerzeichen/]
	];
	it.each(bad)('answers %s with a German message and stores nothing', async (_, over, f, msg) => {
		const before = await venueCount();
		const answer = await create(good({ name: 'Turnhalle', ...over }));
		expect(answer.status).toBe(400);
		expect(answer.errors?.[f], JSON.stringify(answer.errors)).toMatch(msg);
		expect(await venueCount()).toBe(before);
	});

	it('keeps <script> as text', async () => {
		const answer = await create(good({ name: 'Saal <script>alert(1)</script>' }));
		expect(answer.status).toBe(303);
		const [row] = await db
			.select()
			.from(venues)
			.where(eq(venues.slug, 'saal-script-alert-1-script'));
		expect(row.name).toBe('Saal <script>alert(1)</script>');
	});

	it('edits the main venue with a booking contact, shown in the form and the history', async () => {
		const [person] = await db.select().from(contactPersons).limit(1);
		const fields = good({ name: main.name, bookingContactId: String(person.id) });
		expect(await save(main.id, fields)).toMatchObject({
			status: 303,
			location: '/verwaltung/haus?gespeichert=1'
		});
		const [saved] = await db.select().from(venues).where(eq(venues.id, main.id));
		expect(saved).toMatchObject({ bookingContactId: person.id, slug: main.slug });

		const page = await call(editLoad as Handler, {
			db,
			actor: editor,
			path: `/verwaltung/haus/${main.id}`,
			params: { id: String(main.id) }
		});
		expect(page.data).toMatchObject({
			venue: { id: main.id, isMain: true },
			values: { bookingContactId: String(person.id), street: 'Kirchstraße 2' }
		});

		// "Keine Auswahl": the requests go to the office again.
		expect((await save(main.id, good({ name: main.name }))).status).toBe(303);
		const [cleared] = await db.select().from(venues).where(eq(venues.id, main.id));
		expect(cleared.bookingContactId).toBeNull();

		const missing = await call(editLoad as Handler, {
			db,
			actor: editor,
			path: '/verwaltung/haus/999999',
			params: { id: '999999' }
		});
		expect(missing.status).toBe(404);
	});

	it('refuses staff without content.edit with 403, storing nothing', async () => {
		const before = await venueCount();
		expect((await create(good({ name: 'Fremder Ort' }), roomsStaff)).status).toBe(403);
		expect((await save(main.id, good({ name: 'Umbenannt' }), roomsStaff)).status).toBe(403);
		const list = await call(listLoad as Handler, {
			db,
			actor: roomsStaff,
			path: '/verwaltung/haus'
		});
		expect(list.status).toBe(403);
		expect(await venueCount()).toBe(before);
		const [unchanged] = await db.select().from(venues).where(eq(venues.id, main.id));
		expect(unchanged.name).toBe(main.name);
	});
});
