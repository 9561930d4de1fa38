import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';

import { createBookingRequest } from '$tests/factories';
import { useRoomsTestDatabase } from '$tests/helpers/rooms';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/client';
import { auditLog, bookingRequests, bookings, outboxMails } from '../db/schema';
import { DomainError } from '../errors';
import { resetClock, setClock } from '../time';
import { approveBookingRequest } from './approve-booking-request';
import { cancelBookingRequest } from './cancel-booking-request';
import { getWeekPlan } from './get-day-plan';
import { updateBookingNote } from './update-booking-note';

/*
 * Staff cancelling a request they had approved (with a message the requester gets in their
 * language) and the internal note, which stays inside the house.
 */

const ORIGIN = 'https://quartier.example';
const NOW = new Date('2026-11-02T09:00:00Z');

describe('staff cancel a booking request and keep an internal note', () => {
	const setup = useRoomsTestDatabase();
	let db: Db;
	let rooms: Actor;
	let content: Actor;
	beforeAll(() => ({ db, roomsStaff: rooms, contentStaff: content } = setup));
	beforeEach(async () => {
		setClock(NOW);
		await db.delete(outboxMails);
	});
	afterEach(() => resetClock());

	const datesOf = async (id: number) =>
		(
			await db
				.select({ status: bookings.status })
				.from(bookings)
				.where(eq(bookings.requestId, id))
				.orderBy(asc(bookings.startsAt))
		).map((d) => d.status);
	const auditsOf = (id: number, action: string) =>
		db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(id))));

	it('cancels an approved series with a message: dates freed, requester mailed in English', async () => {
		const { id } = await createBookingRequest(db, {
			weeks: 2,
			locale: 'en',
			email: 'e@example.org'
		});
		await approveBookingRequest(db, { actor: rooms, id });
		await db.delete(outboxMails);

		const message = 'The hall is needed for the election.';
		expect(
			await cancelBookingRequest(db, { actor: rooms, requestId: id, origin: ORIGIN, message })
		).toEqual({ changed: true });

		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request.status).toBe('cancelled');
		expect(request.decisionMessage).toBe(message);
		expect(request.decidedAt).toEqual(NOW);
		expect(await datesOf(id)).toEqual(['cancelled', 'cancelled']);

		const mails = await db.select().from(outboxMails);
		const toRequester = mails.find((m) => m.recipient === 'e@example.org');
		expect(toRequester).toMatchObject({
			templateKey: 'rooms.request-cancelled-by-staff',
			locale: 'en'
		});
		expect(toRequester?.subject).toMatch(/^Room booking cancelled/);
		expect(toRequester?.textBody).toContain(message);
		expect(toRequester?.textBody).toContain('November 18, 2026');
		expect(await auditsOf(id, 'booking-request.cancelled')).toHaveLength(1);

		// Twice changes and sends nothing.
		await db.delete(outboxMails);
		expect(
			await cancelBookingRequest(db, { actor: rooms, requestId: id, origin: ORIGIN, message })
		).toEqual({ changed: false });
		expect(await db.select().from(outboxMails)).toEqual([]);
	});

	it('refuses an empty or huge message and other staff, changing nothing', async () => {
		const { id } = await createBookingRequest(db, { date: '2026-11-25' });
		for (const message of ['   ', 'x'.repeat(2001)]) {
			const err = await cancelBookingRequest(db, {
				actor: rooms,
				requestId: id,
				origin: ORIGIN,
				message
			}).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(DomainError);
			expect((err as DomainError).code).toBe('INVALID');
		}
		const forbidden = await cancelBookingRequest(db, {
			actor: content,
			requestId: id,
			origin: ORIGIN,
			message: 'Nein'
		}).catch((e: unknown) => e);
		expect((forbidden as DomainError).code).toBe('FORBIDDEN');
		expect(await datesOf(id)).toEqual(['pending']);
	});

	it('saves the note with before and after in the audit, never mailing it', async () => {
		const { id } = await createBookingRequest(db, { date: '2026-12-02' });
		await db.delete(outboxMails);
		expect(
			await updateBookingNote(db, { actor: rooms, id, note: '  Schlüssel bei Frau K.  ' })
		).toEqual({ changed: true });
		expect(
			await updateBookingNote(db, { actor: rooms, id, note: 'Schlüssel bei Frau K.' })
		).toEqual({
			changed: false
		});
		await updateBookingNote(db, { actor: rooms, id, note: '' });
		const [request] = await db.select().from(bookingRequests).where(eq(bookingRequests.id, id));
		expect(request.internalNote).toBe('');
		const audits = await auditsOf(id, 'booking-request.noted');
		expect(audits.map((a) => [a.before, a.after])).toEqual([
			[{ internalNote: '' }, { internalNote: 'Schlüssel bei Frau K.' }],
			[{ internalNote: 'Schlüssel bei Frau K.' }, { internalNote: '' }]
		]);
		expect(await db.select().from(outboxMails)).toEqual([]);
	});

	it('refuses a huge note, other staff and unknown requests', async () => {
		const { id } = await createBookingRequest(db, { date: '2026-12-09' });
		const huge = await updateBookingNote(db, { actor: rooms, id, note: 'x'.repeat(5001) }).catch(
			(e: unknown) => e
		);
		expect((huge as DomainError).code).toBe('INVALID');
		const forbidden = await updateBookingNote(db, { actor: content, id, note: 'a' }).catch(
			(e: unknown) => e
		);
		expect((forbidden as DomainError).code).toBe('FORBIDDEN');
		const missing = await updateBookingNote(db, { actor: rooms, id: 999_999, note: 'a' }).catch(
			(e: unknown) => e
		);
		expect((missing as DomainError).code).toBe('NOT_FOUND');
		expect(await auditsOf(id, 'booking-request.noted')).toEqual([]);
	});

	it('plans the week from its Monday: per day the held rooms; other days are NOT_FOUND', async () => {
		await db.delete(bookings);
		await db.delete(bookingRequests);
		// Wednesday 2026-11-18 and, a week later, Wednesday 2026-11-25.
		await createBookingRequest(db, { weeks: 2, organisation: 'Chor', showOrganisation: true });
		const plan = await getWeekPlan(db, { actor: rooms, monday: '2026-11-16' });
		expect(plan.days.map((d) => d.date)).toEqual([
			'2026-11-16',
			'2026-11-17',
			'2026-11-18',
			'2026-11-19',
			'2026-11-20',
			'2026-11-21',
			'2026-11-22'
		]);
		expect(plan.days.map((d) => d.rooms.length)).toEqual([0, 0, 1, 0, 0, 0, 0]);
		const [room] = plan.days[2].rooms;
		expect(room.name).toBe('Gruppenraum');
		expect(room.bookings.map((b) => [b.label, b.status])).toEqual([['Chor', 'pending']]);

		for (const monday of ['2026-11-17', '2026-02-30', 'morgen']) {
			const err = await getWeekPlan(db, { actor: rooms, monday }).catch((e: unknown) => e);
			expect((err as DomainError).code, monday).toBe('NOT_FOUND');
		}
		const forbidden = await getWeekPlan(db, { actor: content, monday: '2026-11-16' }).catch(
			(e: unknown) => e
		);
		expect((forbidden as DomainError).code).toBe('FORBIDDEN');
	});
});
