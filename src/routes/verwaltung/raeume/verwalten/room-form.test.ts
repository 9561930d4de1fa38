import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import type { Database, Db } from '$lib/server/db/client';
import { bookings, roomClosures, roomOpeningHours, rooms } from '$lib/server/db/schema';
import { seedSite } from '$lib/server/site/seed-site';
import { actions as editActions } from './[id=id]/+page.server';
import { actions as listActions, load as listLoad } from './+page.server';
import { actions as newActions } from './neu/+page.server';

/*
 * The room forms' actions on a real database, without HTTP: bad input comes back as 400 with a
 * German message at its field and stores nothing; a wrong role is refused (403).
 */

describe('room management forms', () => {
	let database: Database;
	let db: Db;
	let staff: Actor;
	let content: Actor;
	let kreativraum: typeof rooms.$inferSelect;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		staff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		[kreativraum] = await db.select().from(rooms).where(eq(rooms.slug, 'kreativraum'));
	});
	afterAll(async () => {
		await database?.close();
	});

	const path = () => `/verwaltung/raeume/verwalten/${kreativraum.id}`;
	const save = (fields: Fields, actor = staff) =>
		call(editActions.save as Handler, {
			db,
			actor,
			path: `${path()}?/save`,
			params: { id: String(kreativraum.id) },
			fields
		});

	const good = (): Record<string, string> => ({
		name: 'Kreativraum',
		slug: 'kreativraum',
		description: kreativraum.description,
		capacity: '12',
		equipment: kreativraum.equipment,
		houseRules: kreativraum.houseRules,
		bufferMinutes: '15',
		minNoticeHours: '48',
		maxAdvanceDays: '365',
		maxDurationMinutes: '360',
		active: 'on',
		...Object.fromEntries(
			[1, 2, 3, 4, 5].flatMap((d) => [
				[`opens${d}`, '09:00'],
				[`closes${d}`, '20:00']
			])
		)
	});

	async function unchanged() {
		const [room] = await db.select().from(rooms).where(eq(rooms.id, kreativraum.id));
		expect(room).toEqual(kreativraum);
		const hours = await db
			.select()
			.from(roomOpeningHours)
			.where(eq(roomOpeningHours.roomId, kreativraum.id))
			.orderBy(asc(roomOpeningHours.weekday));
		expect(hours.map((h) => `${h.weekday} ${h.opens}-${h.closes}`)).toEqual(
			[1, 2, 3, 4, 5].map((d) => `${d} 09:00:00-20:00:00`)
		);
	}

	const cases: [string, Record<string, string | Blob>, string, RegExp][] = [
		['empty name', { name: '' }, 'name', /Bitte füllen Sie das Feld „Name“ aus/],
		['huge name', { name: 'x'.repeat(101) }, 'name', /höchstens 100 Zeichen/],
		['huge house rules', { houseRules: 'x'.repeat(20001) }, 'houseRules', /höchstens 20000/],
		['a file for a text', { name: new Blob(['x']) }, 'name', /muss ein Text sein/],
		['capacity 0', { capacity: '0' }, 'capacity', /ganze Zahl von 1 bis 10000/],
		['capacity 100000', { capacity: '100000' }, 'capacity', /ganze Zahl von 1 bis 10000/],
		['capacity as words', { capacity: 'zwölf' }, 'capacity', /ganze Zahl/],
		['capacity with decimals', { capacity: '12,5' }, 'capacity', /ganze Zahl/],
		['empty buffer', { bufferMinutes: '' }, 'bufferMinutes', /Bitte füllen Sie das Feld/],
		['buffer of a day', { bufferMinutes: '1440' }, 'bufferMinutes', /von 0 bis 240/],
		['duration 5', { maxDurationMinutes: '5' }, 'maxDurationMinutes', /von 15 bis 1440/],
		['from = until', { opens2: '12:00', closes2: '12:00' }, 'closes2', /Dienstag muss „bis“/],
		['from > until', { opens4: '20:00', closes4: '09:00' }, 'closes4', /Donnerstag muss „bis“/],
		['only from', { opens6: '10:00' }, 'closes6', /Samstag „von“ und „bis“/],
		['a bad time', { opens1: '25:00' }, 'opens1', /Uhrzeit bei „Montag von“/],
		['words for a time', { closes3: 'abends' }, 'closes3', /Uhrzeit im Format hh:mm/],
		['a bad slug', { slug: 'Großer Saal!' }, 'slug', /Kleinbuchstaben/],
		['bidi controls', { name: 'Raum \u202Eevil' }, 'name', /unsichtbare Steuerzeichen/]
	];

	it.each(cases)(
		'answers %s with 400 and a German message, storing nothing',
		async (_, over, field, message) => {
			const answer = await save({ ...good(), ...over });
			expect(answer.status).toBe(400);
			expect(answer.errors?.[field], JSON.stringify(answer.errors)).toMatch(message);
			await unchanged();
		}
	);

	it('keeps <script> and unicode as text', async () => {
		const answer = await save({
			...good(),
			name: 'Kreativraum 🎨 <script>alert(1)</script>',
			equipment: 'Nähmaschine, Ölfarben, 縫製'
		});
		expect(answer.status).toBe(303);
		const [room] = await db.select().from(rooms).where(eq(rooms.id, kreativraum.id));
		expect(room.name).toBe('Kreativraum 🎨 <script>alert(1)</script>');
		expect(room.equipment).toBe('Nähmaschine, Ölfarben, 縫製');
		expect((await save(good())).status).toBe(303);
		[kreativraum] = await db.select().from(rooms).where(eq(rooms.id, kreativraum.id));
	});

	it('refuses staff without rooms.manage with 403 on every form, storing nothing', async () => {
		expect((await save(good(), content)).status).toBe(403);
		const created = await call(newActions.default as Handler, {
			db,
			actor: content,
			path: '/verwaltung/raeume/verwalten/neu',
			fields: { ...good(), name: 'Fremder Raum', slug: '' }
		});
		expect(created.status).toBe(403);
		const blocked = await call(editActions.block as Handler, {
			db,
			actor: content,
			path: `${path()}?/block`,
			params: { id: String(kreativraum.id) },
			fields: { date: '2026-12-01', startTime: '10:00', endTime: '11:00', title: 'Wartung' }
		});
		expect(blocked.status).toBe(403);
		const closed = await call(listActions.addClosure as Handler, {
			db,
			actor: content,
			path: '/verwaltung/raeume/verwalten?/addClosure',
			fields: { firstDay: '2026-12-24', lastDay: '2026-12-31', reason: 'Ferien' }
		});
		expect(closed.status).toBe(403);
		const [{ n }] = await db.select({ n: count() }).from(rooms);
		expect(n).toBe(3);
		expect(await db.select().from(bookings)).toEqual([]);
		expect(await db.select().from(roomClosures)).toEqual([]);
	});

	it('answers bad block and closure input with 400 at the field', async () => {
		const block = await call(editActions.block as Handler, {
			db,
			actor: staff,
			path: `${path()}?/block`,
			params: { id: String(kreativraum.id) },
			fields: { date: '31.02.2026', startTime: '11:00', endTime: '10:00', title: '' }
		});
		expect(block.status).toBe(400);
		expect(block.errors).toMatchObject({
			date: expect.stringMatching(/gibt es nicht/),
			title: expect.stringMatching(/Bitte füllen Sie das Feld „Titel“ aus/)
		});
		const order = await call(editActions.block as Handler, {
			db,
			actor: staff,
			path: `${path()}?/block`,
			params: { id: String(kreativraum.id) },
			fields: { date: '2026-12-01', startTime: '11:00', endTime: '10:00', title: 'Wartung' }
		});
		expect(order.status).toBe(400);
		expect(order.errors?.endTime).toMatch(/„Bis“ muss nach „Von“ liegen/);
		const closure = await call(listActions.addClosure as Handler, {
			db,
			actor: staff,
			path: '/verwaltung/raeume/verwalten?/addClosure',
			fields: { firstDay: '2026-12-31', lastDay: '2026-12-24', reason: 'Ferien' }
		});
		expect(closure.status).toBe(400);
		expect(closure.errors?.lastDay).toMatch(/nicht vor dem ersten Tag/);
		const unconfirmed = await call(listActions.deleteClosure as Handler, {
			db,
			actor: staff,
			path: '/verwaltung/raeume/verwalten?/deleteClosure',
			fields: { closure: '1' }
		});
		expect(unconfirmed.status).toBe(400);
		expect(await db.select().from(bookings)).toEqual([]);
		expect(await db.select().from(roomClosures)).toEqual([]);
	});

	it('blocks a time, answers an overlap with 409 naming it, and frees the time again', async () => {
		const block = (fields: Fields) =>
			call(editActions.block as Handler, {
				db,
				actor: staff,
				path: `${path()}?/block`,
				params: { id: String(kreativraum.id) },
				fields
			});
		const first = await block({
			date: '01.12.2027',
			startTime: '10:00',
			endTime: '12:00',
			title: 'Wartung',
			note: ''
		});
		expect(first.status).toBe(303);
		expect(first.location).toBe(`${path()}?gesperrt=1#sperren`);
		const overlap = await block({
			date: '2027-12-01',
			startTime: '12:10',
			endTime: '13:00',
			title: 'Eigene Veranstaltung'
		});
		expect(overlap.status).toBe(409);
		expect(overlap.errors?.date).toMatch(
			/^Der Raum ist am Mittwoch, 1\. Dezember 2027, 10:00–12:00 schon belegt/
		);
		expect(overlap.values?.title).toBe('Eigene Veranstaltung');
		const [row] = await db.select().from(bookings);
		const freed = await call(editActions.unblock as Handler, {
			db,
			actor: staff,
			path: `${path()}?/unblock`,
			params: { id: String(kreativraum.id) },
			fields: { block: String(row.id) }
		});
		expect(freed.status).toBe(303);
		const [after] = await db.select().from(bookings);
		expect(after.status).toBe('cancelled');
		await db.delete(bookings);
	});

	it('adds closing days and deletes them only when confirmed', async () => {
		const added = await call(listActions.addClosure as Handler, {
			db,
			actor: staff,
			path: '/verwaltung/raeume/verwalten?/addClosure',
			fields: { firstDay: '24.12.2027', lastDay: '31.12.2027', reason: 'Betriebsferien' }
		});
		expect(added.status).toBe(303);
		const [closure] = await db.select().from(roomClosures);
		expect(closure).toMatchObject({ firstDay: '2027-12-24', lastDay: '2027-12-31' });
		const remove = (fields: Fields) =>
			call(listActions.deleteClosure as Handler, {
				db,
				actor: staff,
				path: '/verwaltung/raeume/verwalten?/deleteClosure',
				fields
			});
		expect((await remove({ closure: String(closure.id) })).status).toBe(400);
		expect(await db.select().from(roomClosures)).toHaveLength(1);
		expect((await remove({ closure: String(closure.id), confirm: 'on' })).status).toBe(303);
		expect(await db.select().from(roomClosures)).toEqual([]);

		// One room only; a room that is not offered is the field's German message, nothing stored.
		const add = (roomId: string) =>
			call(listActions.addClosure as Handler, {
				db,
				actor: staff,
				path: '/verwaltung/raeume/verwalten?/addClosure',
				fields: { roomId, firstDay: '2027-03-01', lastDay: '2027-03-05', reason: 'Renovierung' }
			});
		for (const bad of ['abc', '999999', '<script>alert(1)</script>']) {
			const refused = await add(bad);
			expect(refused.status, bad).toBe(400);
			expect(refused.errors?.roomId, bad).toBe(
				'Bitte wählen Sie bei „Gilt für“ das ganze Haus oder einen der angebotenen Räume.'
			);
		}
		expect(await db.select().from(roomClosures)).toEqual([]);
		expect((await add(String(kreativraum.id))).status).toBe(303);
		const page = await call(listLoad as Handler, {
			db,
			actor: staff,
			path: '/verwaltung/raeume/verwalten'
		});
		const data = page.data as {
			closures: { roomName: string | null; reason: string }[];
			closureRooms: { value: string; label: string }[];
		};
		expect(data.closures.map((c) => [c.roomName, c.reason])).toEqual([
			['Kreativraum', 'Renovierung']
		]);
		expect(data.closureRooms[0]).toEqual({ value: '', label: 'Ganzes Haus' });
		await db.delete(roomClosures);
	});
});
