import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import type { Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	bookingRequests,
	bookings,
	roomClosures,
	roomOpeningHours,
	rooms
} from '../db/schema';
import { ANONYMOUS } from '../auth/actor';
import { messageOf } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { addRoomClosure } from './add-room-closure';
import { blockRoomTime } from './block-room-time';
import { loadRoomWithRules } from './booking-rules';
import { createRoom } from './create-room';
import { deleteRoomClosure } from './delete-room-closure';
import { findFreeRooms } from './find-free-rooms';
import { findHouseClosures } from './find-rooms-admin';
import { getRoomWeek } from './public-rooms';
import { previewBookingRequest, requestBooking } from './request-booking';
import { closureSchema, roomSchema, type BlockInput, type RoomInput } from './room-admin.schemas';
import { expandRequestedDates } from './series';
import { unblockRoomTime } from './unblock-room-time';
import { updateRoom } from './update-room';

// A Monday; the Gruppenraum is open 08:00–22:00 on weekdays and has a 15-minute buffer.
const NOW = new Date('2026-11-02T09:00:00Z');

describe('managing rooms', () => {
	let database: Database;
	let db: Db;
	let staff: Actor;
	let content: Actor;
	let gruppenraum: typeof rooms.$inferSelect;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		staff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		[gruppenraum] = await db.select().from(rooms).where(eq(rooms.slug, 'gruppenraum'));
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(() => setClock(NOW));
	afterEach(() => resetClock());

	/** The form as the browser sends it, through the schema. */
	function room(over: Record<string, string> = {}): RoomInput {
		const parsed = roomSchema.safeParse({
			name: 'Werkstatt',
			slug: '',
			capacity: '8',
			bufferMinutes: '10',
			minNoticeHours: '24',
			maxAdvanceDays: '180',
			maxDurationMinutes: '240',
			active: 'on',
			stepFree: 'on',
			opens1: '09:00',
			closes1: '17:00',
			opens3: '14:00',
			closes3: '20:00',
			...over
		});
		if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
		return parsed.data;
	}

	it('creates a room with its opening hours and a slug from its name', async () => {
		const created = await createRoom(db, { actor: staff, input: room({ name: 'Werkstatt Süd' }) });
		expect(created.slug).toBe('werkstatt-sued');
		const { room: stored, hours } = await loadRoomWithRules(db, created.id);
		expect(stored).toMatchObject({
			name: 'Werkstatt Süd',
			capacity: 8,
			stepFree: true,
			hearingLoop: false,
			isExample: false,
			active: true
		});
		expect(hours).toEqual([
			{ weekday: 1, opens: '09:00', closes: '17:00' },
			{ weekday: 3, opens: '14:00', closes: '20:00' }
		]);
		// A second room of the same name gets the next free slug.
		const again = await createRoom(db, { actor: staff, input: room({ name: 'Werkstatt Süd' }) });
		expect(again.slug).toBe('werkstatt-sued-2');
	});

	it('updates a room, replaces its hours, clears the example mark, audits before and after', async () => {
		expect(gruppenraum.isExample).toBe(true);
		await updateRoom(db, {
			actor: staff,
			id: gruppenraum.id,
			input: room({ name: 'Gruppenraum', slug: 'gruppenraum', capacity: '18' })
		});
		const { room: stored, hours } = await loadRoomWithRules(db, gruppenraum.id);
		expect(stored).toMatchObject({ capacity: 18, isExample: false, slug: 'gruppenraum' });
		expect(hours.map((h) => h.weekday)).toEqual([1, 3]);
		const [entry] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'room.updated'), eq(auditLog.entityId, String(gruppenraum.id)))
			);
		expect(entry.before).toMatchObject({ capacity: 20, isExample: true });
		expect(entry.after).toMatchObject({ capacity: 18, isExample: false });
		expect(entry.after?.openingHours).toBe('Montag 09:00–17:00, Mittwoch 14:00–20:00');
		// A slug another room has is refused at its field.
		const err = await failure(
			updateRoom(db, { actor: staff, id: gruppenraum.id, input: room({ slug: 'grosser-saal' }) })
		);
		expect(err.code).toBe('CONFLICT');
		expect(err.fieldErrors?.slug).toMatch(/anderer Raum/);
		// Put the seed's hours back for the tests below (weekdays 08:00–22:00).
		await updateRoom(db, {
			actor: staff,
			id: gruppenraum.id,
			input: room({
				name: 'Gruppenraum',
				slug: 'gruppenraum',
				bufferMinutes: '15',
				...Object.fromEntries(
					[1, 2, 3, 4, 5].flatMap((d) => [
						[`opens${d}`, '08:00'],
						[`closes${d}`, '22:00']
					])
				)
			})
		});
	});

	it('refuses staff without rooms.manage and anonymous visitors', async () => {
		for (const actor of [content, ANONYMOUS]) {
			const codes = await Promise.all(
				[
					createRoom(db, { actor, input: room() }),
					updateRoom(db, { actor, id: gruppenraum.id, input: room() }),
					addRoomClosure(db, {
						actor,
						input: { firstDay: '2026-12-24', lastDay: '2026-12-31', reason: 'Ferien' }
					}),
					deleteRoomClosure(db, { actor, id: 1 }),
					blockRoomTime(db, { actor, roomId: gruppenraum.id, input: block() }),
					unblockRoomTime(db, { actor, roomId: gruppenraum.id, bookingId: 1 })
				].map((p) => failure(p).then((e) => e.code))
			);
			expect(new Set(codes)).toEqual(
				new Set([actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'])
			);
		}
	});

	function block(over: Partial<BlockInput> = {}): BlockInput {
		return {
			date: '2026-11-18',
			startTime: '10:00',
			endTime: '12:00',
			title: 'Wartung',
			note: '',
			...over
		};
	}

	describe('blocking times', () => {
		beforeEach(async () => {
			await db.delete(bookings);
			await db.delete(bookingRequests);
		});

		async function pendingRequest() {
			return requestBooking(db, {
				actor: ANONYMOUS,
				origin: 'https://quartier.example',
				input: {
					roomId: gruppenraum.id,
					slots: expandRequestedDates({
						date: '2026-11-18',
						startTime: '18:00',
						endTime: '20:00',
						repeat: { kind: 'once' }
					}),
					seriesRule: null,
					purpose: 'Treffen',
					attendees: 5,
					name: 'Erika Muster',
					email: 'erika@example.org',
					phone: '',
					organisation: '',
					showOrganisation: false,
					acceptedUnavailable: []
				}
			});
		}

		it('stores a block as an approved booking holding the room with its buffer', async () => {
			await blockRoomTime(db, { actor: staff, roomId: gruppenraum.id, input: block() });
			const [row] = await db.select().from(bookings);
			expect(row).toMatchObject({
				kind: 'block',
				status: 'approved',
				title: 'Wartung',
				requestId: null,
				startsAt: new Date('2026-11-18T09:00:00Z'),
				endsAt: new Date('2026-11-18T11:00:00Z'),
				occupiedUntil: new Date('2026-11-18T11:15:00Z')
			});
		});

		it('refuses a block over a pending request with 409 naming its time, storing nothing', async () => {
			await pendingRequest();
			const audited = () =>
				db.select().from(auditLog).where(eq(auditLog.action, 'booking.blocked'));
			const before = (await audited()).length;
			const err = await failure(
				blockRoomTime(db, {
					actor: staff,
					roomId: gruppenraum.id,
					input: block({ startTime: '19:00', endTime: '21:00' })
				})
			);
			expect(err.code).toBe('CONFLICT');
			expect(messageOf(err)).toMatch(/^Der Raum ist am Mittwoch, 18\. November 2026, 18:00–20:00/);
			expect(err.fieldErrors?.date).toBe(messageOf(err));
			const kinds = await db.select({ kind: bookings.kind }).from(bookings);
			expect(kinds).toEqual([{ kind: 'request' }]);
			expect(await audited()).toHaveLength(before);
		});

		it('allows a block right after a booking’s buffer, and frees it again', async () => {
			await pendingRequest();
			// The request ends at 20:00, the Gruppenraum needs 15 minutes to tidy up.
			const inBuffer = block({ startTime: '20:10', endTime: '21:00' });
			expect(
				(
					await failure(
						blockRoomTime(db, { actor: staff, roomId: gruppenraum.id, input: inBuffer })
					)
				).code
			).toBe('CONFLICT');
			const after = await blockRoomTime(db, {
				actor: staff,
				roomId: gruppenraum.id,
				input: block({ startTime: '20:15', endTime: '21:00' })
			});
			await unblockRoomTime(db, { actor: staff, roomId: gruppenraum.id, bookingId: after.id });
			const [row] = await db.select().from(bookings).where(eq(bookings.id, after.id));
			expect(row.status).toBe('cancelled');
			// Only a block can be freed this way, and only once.
			const [request] = await db.select().from(bookings).where(eq(bookings.kind, 'request'));
			for (const bookingId of [request.id, after.id]) {
				const err = await failure(
					unblockRoomTime(db, { actor: staff, roomId: gruppenraum.id, bookingId })
				);
				expect(err.code).toBe('NOT_FOUND');
			}
		});
	});

	it('adds and deletes closing days of the whole house', async () => {
		const { id } = await addRoomClosure(db, {
			actor: staff,
			input: { firstDay: '2026-12-24', lastDay: '2027-01-01', reason: 'Betriebsferien' }
		});
		const [stored] = await db.select().from(roomClosures).where(eq(roomClosures.id, id));
		expect(stored).toMatchObject({ roomId: null, reason: 'Betriebsferien' });
		// Requests on those days now meet the closure.
		const rules = await loadRoomWithRules(db, gruppenraum.id);
		expect(rules.closures.map((c) => c.reason)).toContain('Betriebsferien');
		expect((await findHouseClosures(db, { actor: staff })).map((c) => c.reason)).toEqual([
			'Betriebsferien'
		]);

		await deleteRoomClosure(db, { actor: staff, id });
		expect(await db.select().from(roomClosures).orderBy(asc(roomClosures.id))).toEqual([]);
		expect((await failure(deleteRoomClosure(db, { actor: staff, id }))).code).toBe('NOT_FOUND');
		const audits = await db.select().from(auditLog).where(eq(auditLog.entity, 'venue'));
		expect(audits.map((a) => [a.before, a.after])).toEqual([
			[{ closure: null }, { closure: '2026-12-24–2027-01-01: Betriebsferien' }],
			[{ closure: '2026-12-24–2027-01-01: Betriebsferien' }, { closure: null }]
		]);
	});

	it('closes one room only: its requests, preview, free-room search and week honour it, the others stay open', async () => {
		const [kreativraum] = await db.select().from(rooms).where(eq(rooms.slug, 'kreativraum'));
		const { id } = await addRoomClosure(db, {
			actor: staff,
			input: {
				roomId: gruppenraum.id,
				firstDay: '2026-11-25',
				lastDay: '2026-11-26',
				reason: 'Renovierung'
			}
		});
		const [stored] = await db.select().from(roomClosures).where(eq(roomClosures.id, id));
		expect(stored).toMatchObject({ roomId: gruppenraum.id, venueId: gruppenraum.venueId });
		expect(
			(await findHouseClosures(db, { actor: staff })).map((c) => [c.roomName, c.reason])
		).toEqual([['Gruppenraum', 'Renovierung']]);

		// Wednesday 25 November, 18:00–19:00: the Gruppenraum is closed, the Kreativraum is not.
		const slots = expandRequestedDates({
			date: '2026-11-25',
			startTime: '18:00',
			endTime: '19:00',
			repeat: { kind: 'once' }
		});
		const preview = (roomId: number) =>
			previewBookingRequest(db, { actor: ANONYMOUS, roomId, slots, attendees: 5 });
		expect(await preview(gruppenraum.id)).toMatchObject([
			{ state: 'closed', reason: 'Renovierung' }
		]);
		expect(await preview(kreativraum.id)).toMatchObject([{ state: 'free' }]);

		const search = await findFreeRooms(db, {
			actor: ANONYMOUS,
			query: { date: '2026-11-25', startTime: '18:00', endTime: '19:00', attendees: 5 }
		});
		expect(search.free.map((r) => r.room.slug)).toContain('kreativraum');
		expect(search.free.map((r) => r.room.slug)).not.toContain('gruppenraum');
		const closed = search.unavailable.find((r) => r.room.slug === 'gruppenraum');
		expect(closed?.reason?.()).toBe('An diesem Tag ist geschlossen: Renovierung.');

		const closedDays = async (roomId: number) =>
			(await getRoomWeek(db, { roomId, monday: '2026-11-23' })).days.map((d) => d.closed);
		expect(await closedDays(gruppenraum.id)).toEqual([
			'',
			'',
			'Renovierung',
			'Renovierung',
			'',
			'',
			''
		]);
		expect(await closedDays(kreativraum.id)).toEqual(['', '', '', '', '', '', '']);

		// A request for the closed room is refused with the reason; the other room takes it.
		const ask = (roomId: number) =>
			requestBooking(db, {
				actor: ANONYMOUS,
				origin: 'https://quartier.example',
				input: {
					roomId,
					slots,
					seriesRule: null,
					purpose: 'Nähcafé',
					attendees: 5,
					name: 'Erika Muster',
					email: 'erika@example.org',
					phone: '',
					organisation: '',
					showOrganisation: false,
					acceptedUnavailable: []
				}
			});
		const refused = await failure(ask(gruppenraum.id));
		expect(refused.code).toBe('INVALID');
		expect(refused.fieldErrors?.date).toBe('An diesem Tag ist geschlossen: Renovierung.');
		await expect(ask(kreativraum.id)).resolves.toMatchObject({ held: 1 });

		// The closure is in the room's history, not the house's; deleting it opens the room again.
		await deleteRoomClosure(db, { actor: staff, id });
		expect(await preview(gruppenraum.id)).toMatchObject([{ state: 'free' }]);
		const audits = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'room'), eq(auditLog.entityId, String(gruppenraum.id))));
		expect(
			audits
				.filter((a) => 'closure' in (a.after ?? {}) || 'closure' in (a.before ?? {}))
				.map((a) => [a.action, a.before, a.after])
		).toEqual([
			['room.updated', { closure: null }, { closure: '2026-11-25–2026-11-26: Renovierung' }],
			['room.updated', { closure: '2026-11-25–2026-11-26: Renovierung' }, { closure: null }]
		]);
		await db.delete(bookings);
		await db.delete(bookingRequests);
	});

	it('refuses a closure of a room that is not the house’s, and other staff, storing nothing', async () => {
		const days = { firstDay: '2026-12-01', lastDay: '2026-12-01', reason: 'Wartung' };
		const unknown = await failure(
			addRoomClosure(db, { actor: staff, input: { ...days, roomId: 999_999 } })
		);
		expect(unknown.code).toBe('INVALID');
		expect(unknown.fieldErrors?.roomId).toBe(
			'Bitte wählen Sie bei „Gilt für“ das ganze Haus oder einen der angebotenen Räume.'
		);
		const forbidden = await failure(
			addRoomClosure(db, { actor: content, input: { ...days, roomId: gruppenraum.id } })
		);
		expect(forbidden.code).toBe('FORBIDDEN');
		expect(await db.select().from(roomClosures)).toEqual([]);

		// The form: empty is the whole house, a number a room, anything else a choice error.
		const parse = (roomId: string | undefined) =>
			closureSchema.safeParse({ ...days, ...(roomId === undefined ? {} : { roomId }) });
		expect(parse(undefined).data?.roomId).toBeNull();
		expect(parse('').data?.roomId).toBeNull();
		expect(parse(String(gruppenraum.id)).data?.roomId).toBe(gruppenraum.id);
		for (const bad of ['abc', '0', '-1', '1.5', '99999999999', '<script>']) {
			const result = parse(bad);
			expect(result.success, bad).toBe(false);
			expect(result.error?.issues[0].message, bad).toBe(
				'Bitte wählen Sie bei „Gilt für“ das ganze Haus oder einen der angebotenen Räume.'
			);
		}
	});

	it('stores no opening hours for a day left empty (closed)', async () => {
		const created = await createRoom(db, {
			actor: staff,
			input: room({ name: 'Nur montags', opens3: '', closes3: '' })
		});
		const hours = await db
			.select()
			.from(roomOpeningHours)
			.where(eq(roomOpeningHours.roomId, created.id));
		expect(hours.map((h) => h.weekday)).toEqual([1]);
	});
});
