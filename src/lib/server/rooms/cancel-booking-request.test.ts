import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	bookingRequests,
	bookings,
	contactPersons,
	outboxMails,
	rooms
} from '../db/schema';
import { ANONYMOUS } from '../auth/actor';
import { peekCapabilityLink } from '../capabilities/redeem-capability-link';
import { DomainError } from '../errors';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { cancelBookingRequest } from './cancel-booking-request';
import { requestBooking } from './request-booking';
import { expandRequestedDates } from './series';

const ORIGIN = 'https://quartier.example';
const NOW = new Date('2026-11-02T09:00:00Z');

describe('cancelling a booking request', () => {
	let database: Database;
	let db: Db;
	let roomId: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		await db.update(contactPersons).set({ email: 'lindner@kaster.example' });
		[{ id: roomId }] = await db.select().from(rooms).orderBy(asc(rooms.sortOrder));
		setClock(NOW);
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	afterEach(async () => {
		await db.delete(outboxMails);
	});

	/** A weekly series of three dates, all free. */
	async function requestSeries() {
		const slots = expandRequestedDates({
			date: '2026-11-17',
			startTime: '10:00',
			endTime: '12:00',
			repeat: { kind: 'weekly', interval: 1, until: '2026-12-01' }
		});
		const result = await requestBooking(db, {
			actor: ANONYMOUS,
			origin: ORIGIN,
			input: {
				roomId,
				slots,
				seriesRule: 'RRULE:FREQ=WEEKLY',
				purpose: 'Yoga',
				attendees: 10,
				name: 'Erika Muster',
				email: 'erika@example.org',
				phone: '',
				organisation: '',
				showOrganisation: false,
				acceptedUnavailable: []
			}
		});
		await db.delete(outboxMails);
		return result;
	}

	const audits = async (id: number) =>
		(
			await db
				.select({ n: count() })
				.from(auditLog)
				.where(
					and(eq(auditLog.action, 'booking-request.cancelled'), eq(auditLog.entityId, String(id)))
				)
		)[0].n;

	it('cancels the request and frees its dates once; the second time changes nothing', async () => {
		const { id, statusToken } = await requestSeries();
		const holder = { kind: 'capability' as const, linkId: 1, purpose: 'booking.cancel' };
		const actor = { ...holder, recordType: 'booking', recordId: id };

		expect(await cancelBookingRequest(db, { actor, requestId: id, origin: ORIGIN })).toEqual({
			changed: true
		});
		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request.status).toBe('cancelled');
		const dates = await db.select().from(bookings).where(eq(bookings.requestId, id));
		expect(dates.map((d) => d.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
		const mails = await db.select().from(outboxMails);
		expect(mails.map((m) => [m.recipient, m.templateKey])).toEqual([
			['lindner@kaster.example', 'rooms.request-cancelled']
		]);
		expect(mails[0].textBody).toContain('Dienstag, 17. November 2026, 10:00–12:00');
		expect(await audits(id)).toBe(1);
		// The status link still works: it shows the cancelled request.
		expect((await peekCapabilityLink(db, statusToken, 'booking.status')).recordId).toBe(id);

		await db.delete(outboxMails);
		expect(await cancelBookingRequest(db, { actor, requestId: id, origin: ORIGIN })).toEqual({
			changed: false
		});
		expect(await db.select().from(outboxMails)).toEqual([]);
		expect(await audits(id)).toBe(1);
	});

	it('refuses a link for another purpose or another request, and anonymous visitors', async () => {
		const { id } = await requestSeries();
		const link = { kind: 'capability' as const, linkId: 1, recordType: 'booking' };
		for (const actor of [
			{ ...link, purpose: 'booking.status', recordId: id },
			{ ...link, purpose: 'booking.cancel', recordId: id + 1000 },
			ANONYMOUS
		]) {
			const err = await cancelBookingRequest(db, { actor, requestId: id, origin: ORIGIN }).catch(
				(e: unknown) => e
			);
			expect(err).toBeInstanceOf(DomainError);
			expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain((err as DomainError).code);
		}
		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request.status).toBe('pending');
		expect(await audits(id)).toBe(0);
	});
});
