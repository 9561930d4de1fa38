import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { bookingRequests, bookings, capabilityLinks, outboxMails, rooms } from '../db/schema';
import { ANONYMOUS } from '../auth/actor';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { anonymiseOldBookingRequests } from './anonymise-booking-requests';
import { bookingRemindersJob } from './booking-reminders.job';
import { requestBooking } from './request-booking';
import { expandRequestedDates } from './series';

describe('room booking jobs', () => {
	let database: Database;
	let db: Db;
	let requestId: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		setClock(new Date('2026-11-02T09:00:00Z'));
		const [room] = await db.select().from(rooms).where(eq(rooms.slug, 'gruppenraum'));
		const result = await requestBooking(db, {
			actor: ANONYMOUS,
			origin: 'https://quartier.example',
			input: {
				roomId: room.id,
				slots: expandRequestedDates({
					date: '2026-11-18',
					startTime: '18:00',
					endTime: '20:00',
					repeat: { kind: 'once' }
				}),
				seriesRule: null,
				purpose: 'Chorprobe',
				attendees: 10,
				name: 'Erika Muster',
				email: 'erika@example.org',
				phone: '0170 1234567',
				organisation: 'Chor Kaster',
				showOrganisation: false,
				acceptedUnavailable: []
			}
		});
		requestId = result.id;
		// Staff approved it (the decision itself is tested with its use case).
		await db.update(bookingRequests).set({ status: 'approved' });
		await db.update(bookings).set({ status: 'approved' });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	afterEach(() => resetClock());

	it('reminds the day before, once, however often the job runs', async () => {
		const reminders = () =>
			db.select().from(outboxMails).where(eq(outboxMails.templateKey, 'rooms.reminder'));
		await bookingRemindersJob.run({ db, now: new Date('2026-11-16T08:00:00Z') });
		expect(await reminders()).toHaveLength(0);
		for (let i = 0; i < 2; i++) {
			await bookingRemindersJob.run({ db, now: new Date('2026-11-17T08:00:00Z') });
		}
		const sent = await reminders();
		expect(sent).toHaveLength(1);
		expect(sent[0].recipient).toBe('erika@example.org');
		expect(sent[0].textBody).toContain('Gruppenraum, Mittwoch, 18. November 2026, 18:00–20:00');
	});

	it('blanks the requester’s data after the retention period, keeping the booking', async () => {
		const early = await anonymiseOldBookingRequests(db, {
			now: new Date('2027-05-01T00:00:00Z'),
			days: 183
		});
		expect(early).toBe(0);
		const later = new Date('2027-06-01T00:00:00Z');
		expect(await anonymiseOldBookingRequests(db, { now: later, days: 183 })).toBe(1);
		expect(await anonymiseOldBookingRequests(db, { now: later, days: 183 })).toBe(0);
		const [request] = await db
			.select()
			.from(bookingRequests)
			.where(eq(bookingRequests.id, requestId));
		expect(request).toMatchObject({
			name: '',
			email: '',
			phone: '',
			purpose: '',
			organisation: 'Chor Kaster',
			anonymisedAt: later
		});
		expect(await db.select().from(bookings).where(eq(bookings.requestId, requestId))).toHaveLength(
			1
		);
		const live = await db
			.select()
			.from(capabilityLinks)
			.where(and(eq(capabilityLinks.recordId, requestId), isNull(capabilityLinks.revokedAt)));
		expect(live).toHaveLength(0);
	});
});
