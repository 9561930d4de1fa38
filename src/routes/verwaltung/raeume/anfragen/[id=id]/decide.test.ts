import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { createBookingRequest } from '$tests/factories';
import type { Actor } from '$lib/server/auth/actor';
import type { Database, Db } from '$lib/server/db/client';
import { bookingRequests, bookings, outboxMails } from '$lib/server/db/schema';
import { seedSite } from '$lib/server/site/seed-site';
import { resetClock, setClock } from '$lib/server/time';
import { actions, load } from './+page.server';
import { load as inboxLoad } from '../../+page.server';
import { load as planLoad } from '../../plan/+page.server';

/*
 * The decision forms of a room request, called in-process: what the route answers to good and
 * bad input and to the wrong staff, and that a refusal writes nothing.
 */

const NOW = new Date('2026-11-02T09:00:00Z');

describe('back office: deciding a room request', () => {
	let database: Database;
	let db: Db;
	let rooms: Actor;
	let content: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		rooms = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		content = await createActor(db, { email: 'inhalt@example.org', roles: ['content'] });
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		setClock(NOW);
		await db.delete(bookings);
		await db.delete(bookingRequests);
		await db.delete(outboxMails);
	});
	afterEach(() => resetClock());

	const path = (id: number) => `/verwaltung/raeume/anfragen/${id}`;
	const act = (name: 'approve' | 'decline', id: number, fields: Fields, actor = rooms) =>
		call(actions[name] as Handler, {
			db,
			actor,
			path: `${path(id)}?/${name}`,
			params: { id: String(id) },
			fields
		});
	const datesOf = (id: number) =>
		db
			.select({ id: bookings.id, status: bookings.status })
			.from(bookings)
			.where(eq(bookings.requestId, id))
			.orderBy(asc(bookings.startsAt));
	const mails = async () => (await db.select({ n: count() }).from(outboxMails))[0].n;

	it('approves leaving out a chosen date, back to the request with the flash', async () => {
		const { id } = await createBookingRequest(db, { weeks: 3 });
		const [, second] = await datesOf(id);
		const before = await mails();
		expect(await act('approve', id, { skipBookingIds: String(second.id) })).toEqual({
			status: 303,
			location: `${path(id)}?gespeichert=1`
		});
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['approved', 'skipped', 'approved']);
		expect(await mails()).toBe(before + 1);

		const page = await call(load as Handler, {
			db,
			actor: rooms,
			path: path(id),
			params: { id: String(id) }
		});
		expect(page.status).toBe(200);
		const data = page.data as {
			request: { status: string };
			dates: { status: string }[];
			history: { entries: { actionLabel: string }[] };
		};
		expect(data.request.status).toBe('approved');
		expect(data.history.entries.length).toBeGreaterThanOrEqual(2);
	});

	it('declines with a message; refuses an empty or huge one with the field’s German message', async () => {
		const { id } = await createBookingRequest(db);
		const before = await mails();
		const empty = await act('decline', id, { message: '  ' });
		expect(empty.status).toBe(400);
		expect(empty.errors?.message).toBe(
			'Bitte füllen Sie das Feld „Nachricht an die anfragende Person“ aus.'
		);
		expect(empty.data?.form).toBe('decline');
		expect((await act('decline', id, {})).status).toBe(400);
		const huge = await act('decline', id, { message: 'x'.repeat(100_000) });
		expect(huge.status).toBe(400);
		expect(huge.errors?.message).toBe(
			'„Nachricht an die anfragende Person“ darf höchstens 2000 Zeichen lang sein.'
		);
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending']);
		expect(await mails()).toBe(before);

		expect(await act('decline', id, { message: 'Leider ist der Raum schon vergeben.' })).toEqual({
			status: 303,
			location: `${path(id)}?gespeichert=1`
		});
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['declined']);
		expect(await mails()).toBe(before + 1);
	});

	it('answers forged skip ids with 400 and unknown requests with 404, never 500', async () => {
		const other = await createBookingRequest(db, { date: '2026-11-25' });
		const { id } = await createBookingRequest(db, { weeks: 2, date: '2026-12-02' });
		const [otherDate] = await datesOf(other.id);
		const file = new File(['1'], 'a.txt', { type: 'text/plain' });
		for (const skipBookingIds of ['abc', '1.5', '-3', '0', '99999999999', file]) {
			const answer = await act('approve', id, { skipBookingIds });
			expect(answer.status, String(skipBookingIds)).toBe(400);
			expect(answer.errors?.skipBookingIds).toBe(
				'Bitte wählen Sie bei „Auszulassende Termine“ eine der angebotenen Möglichkeiten.'
			);
		}
		const foreign = await act('approve', id, { skipBookingIds: String(otherDate.id) });
		expect(foreign.status).toBe(400);
		expect(foreign.errors?.skipBookingIds).toMatch(/gehört nicht zu dieser Anfrage/);
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending', 'pending']);
		expect((await datesOf(other.id)).map((d) => d.status)).toEqual(['pending']);

		expect((await act('approve', 999_999, {})).status).toBe(404);
		expect((await act('decline', 999_999, { message: 'Nein' })).status).toBe(404);
		const missing = await call(load as Handler, {
			db,
			actor: rooms,
			path: path(999_999),
			params: { id: '999999' }
		});
		expect(missing.status).toBe(404);
	});

	it('refuses staff without the rooms role with 403, and changes nothing', async () => {
		const { id } = await createBookingRequest(db);
		expect((await act('approve', id, {}, content)).status).toBe(403);
		expect((await act('decline', id, { message: 'Nein' }, content)).status).toBe(403);
		for (const [handler, p] of [
			[load, path(id)],
			[inboxLoad, '/verwaltung/raeume'],
			[planLoad, '/verwaltung/raeume/plan']
		] as const) {
			const answer = await call(handler as Handler, {
				db,
				actor: content,
				path: p,
				params: { id: String(id) }
			});
			expect(answer.status, p).toBe(403);
		}
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending']);
	});

	it('lists open requests in the inbox and their dates in the day plan', async () => {
		await createBookingRequest(db, { date: '2026-11-25', organisation: 'Chor' });
		await createBookingRequest(db, { date: '2026-11-18', showOrganisation: false });
		const inbox = await call(inboxLoad as Handler, {
			db,
			actor: rooms,
			path: '/verwaltung/raeume'
		});
		const rows = (inbox.data as { requests: { rows: { organisation: string; dates: number }[] } })
			.requests.rows;
		expect(rows.map((r) => r.organisation)).toEqual(['Nachbarschaftshilfe Kaster', 'Chor']);
		expect(
			(
				await call(inboxLoad as Handler, {
					db,
					actor: rooms,
					path: '/verwaltung/raeume?seite=9'
				})
			).status
		).toBe(404);

		const plan = await call(planLoad as Handler, {
			db,
			actor: rooms,
			path: '/verwaltung/raeume/plan?tag=2026-11-18'
		});
		const data = plan.data as {
			previous: string;
			next: string;
			plan: { rooms: { name: string; bookings: { label: string; reference: string }[] }[] };
		};
		expect([data.previous, data.next]).toEqual(['2026-11-17', '2026-11-19']);
		const gruppenraum = data.plan.rooms.find((r) => r.name === 'Gruppenraum')!;
		// The group did not agree to be named: the plan shows the reference only.
		expect(gruppenraum.bookings).toHaveLength(1);
		expect(gruppenraum.bookings[0].label).toBe('');
		expect(gruppenraum.bookings[0].reference).toMatch(/^RAUM-2026-\d{4}$/);
		for (const tag of ['gestern', '2026-02-30']) {
			const bad = await call(planLoad as Handler, {
				db,
				actor: rooms,
				path: `/verwaltung/raeume/plan?tag=${tag}`
			});
			expect(bad.status, tag).toBe(404);
		}
	});
});
