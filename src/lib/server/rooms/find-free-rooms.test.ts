import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { rooms } from '../db/schema';
import { ANONYMOUS } from '../auth/actor';
import { DomainError } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { findFreeRooms } from './find-free-rooms';
import { getRoomWeek, mondayOf } from './public-rooms';
import { requestBooking } from './request-booking';
import { expandRequestedDates } from './series';

// A Monday; the example rooms: Großer Saal (80), Gruppenraum (20), Kreativraum (12, until 20:00).
const NOW = new Date('2026-11-02T09:00:00Z');

describe('finding a free room', () => {
	let database: Database;
	let db: Db;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		setClock(NOW);
		const [, gruppenraum] = await db.select().from(rooms).orderBy(asc(rooms.sortOrder));
		await requestBooking(db, {
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
				purpose: 'Chorprobe',
				attendees: 12,
				name: 'Erika Muster',
				email: 'erika@example.org',
				phone: '',
				organisation: 'Chor Kaster',
				showOrganisation: true,
				acceptedUnavailable: []
			}
		});
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	afterEach(() => setClock(NOW));

	const find = (query: Partial<Parameters<typeof findFreeRooms>[1]['query']> = {}) =>
		findFreeRooms(db, {
			actor: ANONYMOUS,
			query: { date: '2026-11-18', startTime: '19:00', endTime: '21:00', attendees: 10, ...query }
		});
	const names = (answers: { room: { name: string } }[]) => answers.map((a) => a.room.name);

	it('lists the rooms whose rules allow the time and that nothing holds, with reasons for the rest', async () => {
		const { free, unavailable } = await find();
		expect(names(free)).toEqual(['Großer Saal']);
		expect(unavailable.map((a) => `${a.room.name}: ${a.reason?.()}`)).toEqual([
			'Gruppenraum: Zu dieser Zeit schon belegt.',
			'Kreativraum: Der Raum ist mittwochs nur 09:00–20:00 Uhr geöffnet. Bitte wählen Sie eine Zeit darin.'
		]);
		// After the booking and its 15 minutes of tidying up, the Gruppenraum is free again.
		expect(names((await find({ startTime: '20:15', endTime: '21:00' })).free)).toEqual([
			'Großer Saal',
			'Gruppenraum'
		]);
		// Too many people for the small rooms; a holiday closes every room.
		expect(
			names((await find({ attendees: 30, startTime: '10:00', endTime: '11:00' })).free)
		).toEqual(['Großer Saal']);
		const christmas = await find({ date: '2026-12-25', startTime: '10:00', endTime: '11:00' });
		expect(christmas.free).toEqual([]);
		expect(christmas.unavailable[0].reason?.()).toBe(
			'An diesem Tag ist geschlossen: 1. Weihnachtstag.'
		);
	});

	it('refuses a time in the past or that ends before it starts', async () => {
		for (const query of [{ date: '2026-11-01' }, { startTime: '21:00', endTime: '19:00' }]) {
			const err = await find(query).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(DomainError);
			expect((err as DomainError).code).toBe('INVALID');
		}
	});

	it('shows a week of a room with its busy times, a public label only where the group agreed', async () => {
		const [, gruppenraum] = await db.select().from(rooms).orderBy(asc(rooms.sortOrder));
		expect(mondayOf('2026-11-19')).toBe('2026-11-16');
		expect(mondayOf('kaputt')).toBe('2026-11-02');
		const week = await getRoomWeek(db, { roomId: gruppenraum.id, monday: '2026-11-16' });
		expect(week.previous).toBe('2026-11-09');
		expect(week.next).toBe('2026-11-23');
		expect(week.days.map((d) => d.busy.length)).toEqual([0, 0, 1, 0, 0, 0, 0]);
		expect(week.days.map((d) => d.hours.join())).toEqual([
			...Array(5).fill('08:00–22:00'),
			'10:00–18:00',
			''
		]);
		expect(week.days[2].busy[0]).toMatchObject({
			start: new Date('2026-11-18T17:00:00Z'),
			end: new Date('2026-11-18T19:15:00Z'),
			// Only approved requests show the group's name.
			label: ''
		});
		const advent = await getRoomWeek(db, { roomId: gruppenraum.id, monday: '2026-12-21' });
		expect(advent.days.map((d) => d.closed)).toEqual([
			'',
			'',
			'',
			'',
			'1. Weihnachtstag',
			'2. Weihnachtstag',
			''
		]);
	});
});
