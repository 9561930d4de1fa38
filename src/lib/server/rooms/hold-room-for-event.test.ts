import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { ANONYMOUS, residentActor } from '$tests/helpers/actors';
import { createActor } from '$tests/helpers/users';
import { createBookingRequest } from '$tests/factories';
import type { Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import { auditLog, bookings, events, rooms } from '../db/schema';
import { DomainError } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { findBusyIntervals } from './availability';
import { holdRoomForEvent } from './hold-room-for-event';

/*
 * The connection point for events: an event in a room of the house holds it. The events domain
 * calls holdRoomForEvent inside its own transaction; these tests do the same.
 */

const EVENT = 4711;
const at = (iso: string) => new Date(iso);
const evening = (day: string) => ({
	start: at(`${day}T17:00:00Z`),
	end: at(`${day}T19:00:00Z`)
});

describe('an event holds its room', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let saal: number;
	let gruppenraum: number;

	beforeAll(async () => {
		setClock(at('2026-11-02T09:00:00Z'));
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		content = await createActor(db, { email: 'inhalt@example.org', roles: ['content'] });
		const all = await db.select({ id: rooms.id, slug: rooms.slug }).from(rooms);
		saal = all.find((r) => r.slug === 'grosser-saal')!.id;
		gruppenraum = all.find((r) => r.slug === 'gruppenraum')!.id;
		// The events the bookings point to (a foreign key); their own dates do not matter here.
		await db.insert(events).values(
			[EVENT, EVENT + 1, EVENT + 2].map((id) => ({
				id,
				slug: `veranstaltung-${id}`,
				title: 'Sprachcafé',
				startsAt: evening('2026-11-10').start,
				endsAt: evening('2026-11-10').end,
				lastEndsAt: evening('2026-11-10').end,
				materialisedUntil: evening('2026-11-10').end
			}))
		);
	});
	afterAll(async () => {
		await database?.close();
	});
	afterEach(() => resetClock());

	const held = async (eventId = EVENT) =>
		(
			await db
				.select({ roomId: bookings.roomId, startsAt: bookings.startsAt, title: bookings.title })
				.from(bookings)
				.where(
					and(
						eq(bookings.eventId, eventId),
						eq(bookings.kind, 'event'),
						eq(bookings.status, 'approved')
					)
				)
				.orderBy(asc(bookings.startsAt))
		).map(
			(b) => `${b.roomId === saal ? 'saal' : 'gruppenraum'} ${b.startsAt.toISOString()} ${b.title}`
		);
	const hold = (
		dates: { start: Date; end: Date }[],
		extra: Partial<{ roomId: number | null; title: string; actor: Actor; eventId: number }> = {}
	) =>
		db.transaction((tx) =>
			holdRoomForEvent(tx, {
				actor: content,
				eventId: EVENT,
				title: 'Sprachcafé',
				roomId: saal,
				dates,
				...extra
			})
		);

	it('publishing holds each date, the plan shows the title, and repeating it changes nothing', async () => {
		expect(await hold([evening('2026-11-10'), evening('2026-11-17')])).toEqual({
			held: 2,
			freed: 0
		});
		expect(await held()).toEqual([
			'saal 2026-11-10T17:00:00.000Z Sprachcafé',
			'saal 2026-11-17T17:00:00.000Z Sprachcafé'
		]);
		const busy = await findBusyIntervals(
			db,
			[saal],
			at('2026-11-10T00:00:00Z'),
			at('2026-11-11T00:00:00Z')
		);
		expect(busy.map((b) => b.label)).toEqual(['Sprachcafé']);

		expect(await hold([evening('2026-11-10'), evening('2026-11-17')])).toEqual({
			held: 0,
			freed: 0
		});
		const audits = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'booking.event-held'));
		expect(audits).toHaveLength(1);
	});

	it('moving, renaming, changing the room and cancelling move and free the bookings', async () => {
		expect(
			await hold([evening('2026-11-10'), evening('2026-11-24')], {
				title: 'Sprachcafé international'
			})
		).toEqual({ held: 1, freed: 1 });
		expect(await held()).toEqual([
			'saal 2026-11-10T17:00:00.000Z Sprachcafé international',
			'saal 2026-11-24T17:00:00.000Z Sprachcafé international'
		]);
		expect(await hold([evening('2026-11-10')], { roomId: gruppenraum })).toEqual({
			held: 1,
			freed: 2
		});
		expect(await held()).toEqual(['gruppenraum 2026-11-10T17:00:00.000Z Sprachcafé']);
		expect(await hold([evening('2026-11-10')], { roomId: null })).toEqual({ held: 0, freed: 1 });
		expect(await held()).toEqual([]);
	});

	it('a date in the way of a booking is refused with the busy time, and nothing of the change is kept', async () => {
		await createBookingRequest(db, {
			room: 'gruppenraum',
			date: '2026-12-02',
			startTime: '18:00',
			endTime: '20:00'
		});
		await hold([evening('2026-11-25')], { roomId: gruppenraum, eventId: EVENT + 1 });
		const attempt = hold([evening('2026-11-25'), evening('2026-12-02')], {
			roomId: gruppenraum,
			eventId: EVENT + 1,
			title: 'Neuer Titel'
		});
		const error = await attempt.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe('CONFLICT');
		expect((error as DomainError).fieldErrors?.roomId).toMatch(/2\. Dezember 2026, 18:00–20:\d\d/);
		// The caller's transaction rolled back: the title and the first date are as before.
		expect(await held(EVENT + 1)).toEqual(['gruppenraum 2026-11-25T17:00:00.000Z Sprachcafé']);
	});

	it('only staff who place events may hold a room', async () => {
		for (const actor of [ANONYMOUS, residentActor(1)]) {
			await expect(
				hold([evening('2026-11-11')], { actor, eventId: EVENT + 2 })
			).rejects.toMatchObject({
				code: actor === ANONYMOUS ? 'UNAUTHENTICATED' : 'FORBIDDEN'
			});
		}
		const roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		await expect(
			hold([evening('2026-11-11')], { actor: roomsStaff, eventId: EVENT + 2 })
		).resolves.toEqual({ held: 1, freed: 0 });
	});
});
