import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import type { Database, Db } from '$lib/server/db/client';
import { eventOccurrences, events } from '$lib/server/db/schema';
import { seedSite } from '$lib/server/site/seed-site';
import { resetClock, setClock } from '$lib/server/time';
import { actions as editActions, load as editLoad } from './[id=id]/+page.server';
import { actions as listActions } from './+page.server';
import { actions as newActions } from './neu/+page.server';
import {
	actions as dateActions,
	load as dateLoad
} from './[id=id]/termine/[occurrenceId=id]/+page.server';

/*
 * The back office's event forms in-process: bad input comes back as 400 with a German message
 * at its field and stores nothing, a wrong role gets 403, an event's saved values go through the
 * form unchanged, and the examples go in one action.
 */

const NOW = new Date('2026-11-02T09:00:00Z');

describe('event forms in the back office', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let roomsStaff: Actor;

	beforeAll(async () => {
		setClock(NOW);
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});

	const good = (): Record<string, string> => ({
		title: 'Lesung in der Bücherei',
		description: 'Eine Autorin aus Bedburg liest.',
		date: '2026-11-20',
		startTime: '19:30',
		endTime: '21:00',
		repeat: 'none',
		repeatEnd: 'never',
		placeName: 'Stadtbücherei',
		placeAddress: 'Markt 1, 50181 Bedburg',
		categories: 'kultur',
		targetGroups: 'alle',
		languages: 'de',
		isFree: 'on'
	});
	const create = (fields: Fields, actor = content) =>
		call(newActions.default as Handler, {
			db,
			actor,
			path: '/verwaltung/veranstaltungen/neu',
			fields
		});
	const total = async () => (await db.select({ n: count() }).from(events))[0].n;

	const cases: [string, Record<string, string | Blob>, string, RegExp][] = [
		['no title', { title: '' }, 'title', /Bitte füllen Sie das Feld „Titel“ aus/],
		['year 99999', { date: '99999-11-20' }, 'date', /Datum|Jahr/],
		['end before start', { endTime: '18:00' }, 'endTime', /Ende muss nach dem Beginn/],
		['a 1 MB description', { description: 'x'.repeat(1_000_000) }, 'description', /höchstens/],
		[
			'every minute for a century',
			{ repeat: 'rule', rrule: 'FREQ=MINUTELY;UNTIL=21261231T000000Z' },
			'rrule',
			/nur wöchentlich oder monatlich/
		],
		['a count of 10000', { repeat: 'weekly', repeatEnd: 'count', count: '10000' }, 'count', /Zahl/],
		['a file for a text', { title: new Blob(['x']) }, 'title', /muss ein Text sein/],
		['an unknown category', { categories: 'party' }, 'categories', /./],
		['no place', { placeName: '' }, 'placeName', /Raum im Haus oder/]
	];

	it.each(cases)(
		'answers %s with 400 and a German message, storing nothing',
		async (_, over, field, message) => {
			const before = await total();
			const answer = await create({ ...good(), ...over });
			expect(answer.status).toBe(400);
			expect(answer.errors?.[field], JSON.stringify(answer.errors)).toMatch(message);
			expect(await total()).toBe(before);
		}
	);

	it('publishes a good event, keeps HTML as text, refuses other roles', async () => {
		expect((await create(good(), roomsStaff)).status).toBe(403);
		const answer = await create({ ...good(), title: 'Lesung <script>alert(1)</script>' });
		expect(answer.status).toBe(303);
		expect(answer.location).toMatch(/^\/verwaltung\/veranstaltungen\?angelegt=1/);
		const [row] = await db
			.select()
			.from(events)
			.where(eq(events.slug, 'lesung-script-alert-1-script'));
		expect(row.title).toBe('Lesung <script>alert(1)</script>');
		expect(row.moderation).toBe('published');
	});

	it('shows a series in the edit form so that saving it unchanged keeps its rule', async () => {
		for (const title of ['Repair-Café', 'Seniorentreff', 'Sprachcafé']) {
			const [before] = await db.select().from(events).where(eq(events.title, title));
			const id = String(before.id);
			const path = `/verwaltung/veranstaltungen/${id}`;
			const loaded = await call(editLoad as unknown as Handler, {
				db,
				actor: content,
				path,
				params: { id }
			});
			expect(loaded.status).toBe(200);
			const values = (loaded.data as { values: Record<string, string> }).values;
			const fields: Fields = {};
			for (const [key, value] of Object.entries(values)) {
				// A checkbox group sends one field per ticked box; the helper sends the first.
				fields[key] = value.split('\n')[0];
			}
			const saved = await call(editActions.save as Handler, {
				db,
				actor: content,
				path: `${path}?/save`,
				params: { id },
				fields
			});
			expect(saved.status, JSON.stringify(saved.errors)).toBe(303);
			const [after] = await db.select().from(events).where(eq(events.id, before.id));
			expect(after.rrule).toBe(before.rrule);
			expect(after.startsAt).toEqual(before.startsAt);
			expect(after.endsAt).toEqual(before.endsAt);
			expect(after.sequence).toBe(before.sequence + 1);
		}
	});

	it('changes, cancels and reinstates one date of a series through its page', async () => {
		const [seniors] = await db.select().from(events).where(eq(events.title, 'Seniorentreff'));
		const id = String(seniors.id);
		const [first, date] = await db
			.select()
			.from(eventOccurrences)
			.where(eq(eventOccurrences.eventId, seniors.id))
			.orderBy(asc(eventOccurrences.startsAt));
		const occurrenceId = String(date.id);
		const path = `/verwaltung/veranstaltungen/${id}/termine/${occurrenceId}`;
		const params = { id, occurrenceId };
		const act = (name: 'move' | 'cancel' | 'reinstate', fields: Fields, actor = content) =>
			call(dateActions[name] as Handler, { db, actor, path: `${path}?/${name}`, params, fields });

		const loaded = await call(dateLoad as unknown as Handler, { db, actor: content, path, params });
		expect(loaded.status).toBe(200);
		const values = (loaded.data as { values: Record<string, string> }).values;
		expect(values.startTime).toMatch(/^\d\d:\d\d$/);
		const wrong = await call(dateLoad as unknown as Handler, {
			db,
			actor: content,
			path,
			params: { id: '999999', occurrenceId }
		});
		expect(wrong.status).toBe(404);

		const late = await act('move', { ...values, endTime: '00:30' });
		expect(late.status).toBe(400);
		expect(late.errors?.endTime).toMatch(/Ende muss nach dem Beginn/);
		const long = await act('move', { ...values, note: 'x'.repeat(10_000) });
		expect(long.status).toBe(400);
		expect(long.errors?.note).toMatch(/höchstens/);
		expect((await act('cancel', { reason: '' }, roomsStaff)).status).toBe(403);

		const moved = await act('move', { ...values, note: 'Diesmal im Kreativraum' });
		expect(moved.status, JSON.stringify(moved.errors)).toBe(303);
		expect(moved.location).toBe(`/verwaltung/veranstaltungen/${id}?gespeichert=1#termine-liste`);
		const cancelled = await act('cancel', { reason: 'Ferien <b>!</b>' });
		expect(cancelled.status).toBe(303);
		const twice = await act('cancel', { reason: '' });
		expect(twice.status).toBe(409);
		expect(JSON.stringify(twice.errors)).toMatch(/schon abgesagt/);
		expect((await act('reinstate', {})).status).toBe(303);
		expect((await act('reinstate', {})).status).toBe(409);

		// The edit page lists the dates; "this and following" needs a day of the series.
		const edit = await call(editLoad as unknown as Handler, {
			db,
			actor: content,
			path: `/verwaltung/veranstaltungen/${id}`,
			params: { id }
		});
		const data = edit.data as {
			values: Record<string, string>;
			dates: { dates: { id: number; note: string }[] };
		};
		expect(data.dates.dates.find((d) => d.id === date.id)?.note).toBe('Diesmal im Kreativraum');
		const fields: Fields = {};
		for (const [key, value] of Object.entries(data.values)) fields[key] = value.split('\n')[0];
		const dayAfter = (d: Date) => new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
		const split = await call(editActions.save as Handler, {
			db,
			actor: content,
			path: `/verwaltung/veranstaltungen/${id}?/save`,
			params: { id },
			fields: { ...fields, scope: 'following', fromDate: dayAfter(first.startsAt) }
		});
		expect(split.status).toBe(400);
		expect(split.errors?.fromDate).toMatch(/keinen Termin/);
	});

	it('cancels an event and removes the examples in one action each', async () => {
		const [cafe] = await db.select().from(events).where(eq(events.slug, 'sprachcafe'));
		const id = String(cafe.id);
		const path = `/verwaltung/veranstaltungen/${id}`;
		const cancel = () =>
			call(editActions.cancel as Handler, {
				db,
				actor: content,
				path: `${path}?/cancel`,
				params: { id },
				fields: {}
			});
		expect((await cancel()).status).toBe(303);
		expect((await cancel()).status).toBe(409);
		const remove = (actor: Actor) =>
			call(listActions.removeExamples as Handler, {
				db,
				actor,
				path: '/verwaltung/veranstaltungen?/removeExamples',
				fields: {}
			});
		expect((await remove(roomsStaff)).status).toBe(403);
		expect((await remove(content)).status).toBe(303);
		expect(await db.select().from(events).where(eq(events.isExample, true))).toEqual([]);
		expect(await total()).toBe(1);
	});
});
