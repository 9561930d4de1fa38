import { and, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, capabilityLinks } from '../db/schema';
import { CLI_ACTOR } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';

/**
 * Blanks the personal data of requests whose last date ended more than `days` ago: name,
 * address, phone, purpose and the messages written about them; their links stop working. The
 * bookings (room, times, group) stay, so the usage statistics stay. One transaction.
 */
export async function anonymiseOldBookingRequests(
	db: Db,
	{ now, days }: { now: Date; days: number }
) {
	const cutoff = new Date(now.getTime() - days * 86_400_000);
	return db.transaction(async (tx) => {
		const lastEnd = tx
			.select({
				requestId: bookings.requestId,
				lastEnd: sql<Date>`max(${bookings.endsAt})`.as('last_end')
			})
			.from(bookings)
			.groupBy(bookings.requestId)
			.as('last_end');
		const due = await tx
			.select({ id: bookingRequests.id })
			.from(bookingRequests)
			.innerJoin(lastEnd, sql`${lastEnd.requestId} = ${bookingRequests.id}`)
			.where(and(isNull(bookingRequests.anonymisedAt), lt(lastEnd.lastEnd, cutoff)));
		const ids = due.map((r) => r.id);
		if (ids.length === 0) return 0;
		await tx
			.update(bookingRequests)
			.set({
				name: '',
				email: '',
				phone: '',
				purpose: '',
				decisionMessage: '',
				internalNote: '',
				userId: null,
				anonymisedAt: now
			})
			.where(inArray(bookingRequests.id, ids));
		await tx
			.update(capabilityLinks)
			.set({ revokedAt: now })
			.where(
				and(
					sql`${capabilityLinks.recordType} = 'booking'`,
					inArray(capabilityLinks.recordId, ids),
					isNull(capabilityLinks.revokedAt)
				)
			);
		for (const id of ids) {
			await recordAudit(tx, {
				actor: CLI_ACTOR,
				action: 'booking-request.anonymised',
				entity: 'booking_request',
				entityId: id
			});
		}
		return ids.length;
	});
}
