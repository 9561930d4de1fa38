import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { call, isRefusal, type Fields, type Handler } from '$tests/helpers/actions';
import { ANONYMOUS, residentActor } from '$tests/helpers/actors';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import type { Database, Db } from '$lib/server/db/client';
import {
	auditLog,
	bookings,
	images,
	roomClosures,
	roomOpeningHours,
	roomPhotos,
	rooms
} from '$lib/server/db/schema';
import { useImagesDir } from '$lib/server/media/image-files';
import { MAX_ROOM_PHOTOS } from '$lib/server/rooms/room-photos.schemas';
import { createVenue } from '$lib/server/site/create-venue';
import { seedSite } from '$lib/server/site/seed-site';
import { load as editLoad } from './[id=id]/+page.server';
import { actions as editActions } from './[id=id]/+page.server';
import { actions as listActions, load as listLoad } from './+page.server';
import { actions as newActions, load as newLoad } from './neu/+page.server';
import { load as publicLoad } from '../../../(public)/raeume/+page.server';
import { load as venueListLoad } from '../../haus/+page.server';

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
	let imageDir: string;

	beforeAll(async () => {
		imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-room-photos-'));
		useImagesDir(imageDir);
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		staff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		[kreativraum] = await db.select().from(rooms).where(eq(rooms.slug, 'kreativraum'));
	});
	afterAll(async () => {
		useImagesDir(null);
		fs.rmSync(imageDir, { recursive: true, force: true });
		await database?.close();
	});

	const pagePath = () => `/verwaltung/raeume/verwalten/${kreativraum.id}`;
	const save = (fields: Fields, actor = staff) =>
		call(editActions.save as Handler, {
			db,
			actor,
			path: `${pagePath()}?/save`,
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
			path: `${pagePath()}?/block`,
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
			path: `${pagePath()}?/block`,
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
			path: `${pagePath()}?/block`,
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
				path: `${pagePath()}?/block`,
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
		expect(first.location).toBe(`${pagePath()}?gesperrt=1#sperren`);
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
			path: `${pagePath()}?/unblock`,
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
	describe('photos', () => {
		const photo = async (width = 900, height = 600) =>
			new File(
				[
					new Uint8Array(
						await sharp({ create: { width, height, channels: 3, background: '#2a7' } })
							.jpeg()
							.withExif({ IFD0: { Make: 'TestCam' } })
							.toBuffer()
					)
				],
				'raum.jpg',
				{ type: 'image/jpeg' }
			);
		const addPhoto = (fields: Fields, actor: Actor = staff) =>
			call(editActions.addPhoto as Handler, {
				db,
				actor,
				path: `${pagePath()}?/addPhoto`,
				params: { id: String(kreativraum.id) },
				fields
			});
		const removePhoto = (fields: Fields, actor: Actor = staff) =>
			call(editActions.removePhoto as Handler, {
				db,
				actor,
				path: `${pagePath()}?/removePhoto`,
				params: { id: String(kreativraum.id) },
				fields
			});
		const nothingStored = async () => {
			expect(await db.select().from(roomPhotos)).toEqual([]);
			expect(await db.select().from(images)).toEqual([]);
			expect(fs.readdirSync(imageDir)).toEqual([]);
		};
		const alt = 'Heller Raum mit Tischen und Nähmaschinen';

		it('refuses everyone without rooms.manage, storing nothing', async () => {
			const resident = residentActor(4711);
			for (const actor of [ANONYMOUS, resident, content]) {
				const answer = await addPhoto({ photo: await photo(), altText: alt }, actor);
				expect(isRefusal(answer, actor), `${actor.kind}: ${JSON.stringify(answer)}`).toBe(true);
			}
			await nothingStored();
		});

		it.each([
			['no alt text', { altText: '' }, 'altText', /Bitte füllen Sie das Feld „Beschreibung für/],
			['no file', { photo: new File([], '') }, 'photo', /Bitte wählen Sie eine Bilddatei aus/],
			['a text for the file', { photo: 'raum.jpg' }, 'photo', /Bitte wählen Sie eine Bilddatei/],
			[
				'text named .jpg',
				{ photo: new File(['kein Bild'], 'raum.jpg', { type: 'image/jpeg' }) },
				'photo',
				/nicht als Bild verwenden/
			],
			[
				'an SVG',
				{
					photo: new File(
						['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
						'raum.svg',
						{ type: 'image/svg+xml' }
					)
				},
				'photo',
				/JPEG, PNG, WebP oder AVIF/
			],
			[
				'a file over the limit',
				{ photo: new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'gross.jpg') },
				'photo',
				/höchstens 10\sMB/
			]
		] as [string, Fields, string, RegExp][])(
			'answers %s with 400 at the field, storing nothing',
			async (_, over, field, message) => {
				const answer = await addPhoto({ photo: await photo(), altText: alt, ...over });
				expect(answer.status).toBe(400);
				expect(answer.errors?.[field], JSON.stringify(answer.errors)).toMatch(message);
				if (field !== 'altText') expect(answer.values?.altText).toBe(alt);
				await nothingStored();
			}
		);

		it('adds photos in order, shows them on the page, and removes them with their files', async () => {
			const first = await addPhoto({ photo: await photo(), altText: ` ${alt} ` });
			expect(first).toMatchObject({ status: 303, location: `${pagePath()}?foto=1#fotos` });
			expect(
				(await addPhoto({ photo: await photo(400, 300), altText: 'Die Fensterseite' })).status
			).toBe(303);
			const rows = await db.select().from(roomPhotos).orderBy(asc(roomPhotos.sortOrder));
			expect(rows.map((r) => [r.altText, r.sortOrder])).toEqual([
				[alt, 0],
				['Die Fensterseite', 1]
			]);
			const [image] = await db.select().from(images).where(eq(images.id, rows[0].imageId));
			expect(image).toMatchObject({
				width: 900,
				height: 600,
				createdBy: (staff as { id: number }).id
			});
			// 900 px: WebP 480 and 900, JPEG 900; 400 px: WebP 400, JPEG 400.
			expect(fs.readdirSync(imageDir)).toHaveLength(5);

			const page = await call(editLoad as Handler, {
				db,
				actor: staff,
				path: pagePath(),
				params: { id: String(kreativraum.id) }
			});
			const photos = page.data?.photos as { id: number; altText: string; image: { src: string } }[];
			expect(photos.map((p) => p.altText)).toEqual([alt, 'Die Fensterseite']);
			expect(photos[0].image.src).toBe(`/medien/bilder/${image.key}-900.jpg`);

			// Another room's photo id is not this room's: 404, nothing removed.
			expect((await removePhoto({ photo: '999999' })).status).toBe(404);
			expect((await removePhoto({ photo: String(rows[0].id) }, content)).status).toBe(403);
			const removed = await removePhoto({ photo: String(rows[0].id) });
			expect(removed).toMatchObject({
				status: 303,
				location: `${pagePath()}?foto-entfernt=1#fotos`
			});
			expect((await db.select().from(roomPhotos)).map((r) => r.altText)).toEqual([
				'Die Fensterseite'
			]);
			expect(fs.readdirSync(imageDir).some((name) => name.startsWith(image.key))).toBe(false);
			expect(fs.readdirSync(imageDir)).toHaveLength(2);

			const history = await db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(eq(auditLog.entity, 'room'))
				.orderBy(asc(auditLog.id));
			expect(history.map((h) => h.action).filter((a) => a.startsWith('room.photo'))).toEqual([
				'room.photo-added',
				'room.photo-added',
				'room.photo-removed'
			]);
		});

		it(`stops at ${MAX_ROOM_PHOTOS} photos with 409`, async () => {
			const [{ n }] = await db.select({ n: count() }).from(roomPhotos);
			const small = await photo(40, 30);
			for (let i = n; i < MAX_ROOM_PHOTOS; i++) {
				expect((await addPhoto({ photo: small, altText: `Foto ${i}` })).status).toBe(303);
			}
			const over = await addPhoto({ photo: small, altText: 'Eins zu viel' });
			expect(over.status).toBe(409);
			expect(over.errors?.photo).toMatch(/höchstens 12 Fotos/);
			expect(await db.select({ n: count() }).from(roomPhotos)).toEqual([{ n: MAX_ROOM_PHOTOS }]);
		});
	});

	it('puts a room into a second venue and names the venue where there is more than one', async () => {
		const second = await createVenue(db, {
			actor: await createActor(db, { email: 'orte@example.org', roles: ['content'] }),
			input: {
				name: 'Pfarrsaal',
				description: '',
				street: '',
				postalCode: '',
				city: '',
				openingHours: '',
				accessibility: '',
				bookingContactId: null
			}
		});
		const create = (fields: Fields) =>
			call(newActions.default as Handler, {
				db,
				actor: staff,
				path: '/verwaltung/raeume/verwalten/neu',
				fields
			});
		const [{ n: before }] = await db.select({ n: count() }).from(rooms);
		const unknown = await create({ ...good(), name: 'Turnhalle', slug: '', venueId: '999999' });
		expect(unknown.status).toBe(400);
		expect(unknown.errors?.venueId).toMatch(/Bitte wählen Sie bei „Ort“/);
		expect((await db.select({ n: count() }).from(rooms))[0].n).toBe(before);

		const created = await create({
			...good(),
			name: 'Turnhalle',
			slug: '',
			venueId: String(second.id)
		});
		expect(created.status).toBe(303);
		const [turnhalle] = await db.select().from(rooms).where(eq(rooms.slug, 'turnhalle'));
		expect(turnhalle.venueId).toBe(second.id);

		const form = await call(newLoad as Handler, {
			db,
			actor: staff,
			path: '/verwaltung/raeume/verwalten/neu'
		});
		expect(form.data?.venues).toHaveLength(2);
		expect(form.data?.initial).toMatchObject({ venueId: String(kreativraum.venueId) });
		const list = await call(listLoad as Handler, {
			db,
			actor: staff,
			path: '/verwaltung/raeume/verwalten'
		});
		expect(list.data?.showVenue).toBe(true);
		expect(list.data?.rooms).toContainEqual(
			expect.objectContaining({ name: 'Turnhalle', venueName: 'Pfarrsaal' })
		);
		const places = await call(venueListLoad as Handler, {
			db,
			actor: content,
			path: '/verwaltung/haus'
		});
		expect(places.data?.venues).toContainEqual(
			expect.objectContaining({ id: second.id, name: 'Pfarrsaal', roomCount: 1 })
		);
		const publicPage = await call(publicLoad as Handler, { db, path: '/raeume' });
		expect(publicPage.data?.venueNames).toMatchObject({ [second.id]: 'Pfarrsaal' });

		// Saved without a choice (as the form with one venue sends it), a room stays where it is.
		expect((await save(good())).status).toBe(303);
		const [kept] = await db.select().from(rooms).where(eq(rooms.id, kreativraum.id));
		expect(kept.venueId).toBe(kreativraum.venueId);
	});
});
