import { and, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { bookingRequests, bookings, HOLDING_BOOKING_STATUSES, siteSettings } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError, fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { transition } from '../states';
import { now } from '../time';
import { asLocale, bookingDeclinedMail } from './booking-decision-mails';
import { loadBookingRequest } from './get-booking-request';
import { BOOKING_REQUEST_TRANSITIONS } from './rooms.states';

export const DECLINE_MESSAGE_MAX_LENGTH = 2000;

/**
 * Declines a request with a message to the requester: the dates it held are freed (declined)
 * and the requester gets the message by mail. Declining it again changes nothing.
 */
export async function declineBookingRequest(
	db: Db,
	{ actor, id, message }: { actor: Actor; id: number; message: string }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'bookings.decide');
	const text = message.trim();
	if (text.length === 0 || text.length > DECLINE_MESSAGE_MAX_LENGTH) {
		throw fieldError('message', () =>
			text.length === 0
				? m.error_required({ field: m.rooms_staff_decline_message() })
				: m.error_too_long({
						field: m.rooms_staff_decline_message(),
						max: DECLINE_MESSAGE_MAX_LENGTH
					})
		);
	}
	return db.transaction(async (tx) => {
		const detail = await loadBookingRequest(tx, id);
		if (!detail) throw new DomainError('NOT_FOUND');
		const result = await transition(tx, {
			table: bookingRequests,
			idColumn: bookingRequests.id,
			stateColumn: bookingRequests.status,
			id,
			transitions: BOOKING_REQUEST_TRANSITIONS,
			to: 'declined',
			set: { decidedAt: now(), decidedBy: actorUserId(actor), decisionMessage: text },
			actor,
			audit: { action: 'booking-request.declined', entity: 'booking_request' }
		});
		if (!result.changed) return { changed: false };
		await tx
			.update(bookings)
			.set({ status: 'declined' })
			.where(and(eq(bookings.requestId, id), inArray(bookings.status, HOLDING_BOOKING_STATUSES)));
		const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
		await enqueueMail(
			tx,
			bookingDeclinedMail({
				to: detail.request.email,
				locale: asLocale(detail.request.locale),
				reference: detail.reference,
				roomName: detail.roomName,
				dates: detail.dates.filter((d) =>
					(HOLDING_BOOKING_STATUSES as readonly string[]).includes(d.status)
				),
				message: text,
				officeName: site?.officeName ?? ''
			})
		);
		return { changed: true };
	});
}
