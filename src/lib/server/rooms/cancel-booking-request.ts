import { and, eq, inArray, asc } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import type { Db } from '../db/client';
import {
	bookingRequests,
	bookings,
	HOLDING_BOOKING_STATUSES,
	rooms,
	siteSettings,
	venues
} from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { fieldError } from '../errors';
import { resolveRecipients } from '../contact/resolve-recipients';
import { enqueueMail, type OutgoingMail } from '../mail/outbox';
import { transition } from '../states';
import { now, timeZone } from '../time';
import { asLocale, bookingCancelledByStaffMail } from './booking-decision-mails';
import { bookingReference } from './booking-reference';
import { DECLINE_MESSAGE_MAX_LENGTH } from './decline-booking-request';
import { BOOKING_REQUEST_TRANSITIONS } from './rooms.states';

/**
 * Cancels a request (by the requester through the cancel link, or by staff): the request and
 * every date that still holds the room become cancelled, in one transaction with the audit and
 * a notice to the house's booking contact. Cancelling again changes and sends nothing.
 *
 * Staff give a `message`: the requester did not ask for this, so they get a mail in their
 * language with the message, and the message is kept as the decision message.
 */
export async function cancelBookingRequest(
	db: Db,
	{
		actor,
		requestId,
		origin,
		message
	}: { actor: Actor; requestId: number; origin: string; message?: string }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'booking.cancel', { type: 'booking', id: requestId });
	const text = message?.trim();
	if (text !== undefined && (text.length === 0 || text.length > DECLINE_MESSAGE_MAX_LENGTH)) {
		throw fieldError('message', () =>
			text.length === 0
				? m.error_required({ field: m.rooms_week_cancel_message() })
				: m.error_too_long({
						field: m.rooms_week_cancel_message(),
						max: DECLINE_MESSAGE_MAX_LENGTH
					})
		);
	}
	return db.transaction(async (tx) => {
		const result = await transition(tx, {
			table: bookingRequests,
			idColumn: bookingRequests.id,
			stateColumn: bookingRequests.status,
			id: requestId,
			transitions: BOOKING_REQUEST_TRANSITIONS,
			to: 'cancelled',
			...(text !== undefined
				? { set: { decidedAt: now(), decidedBy: actorUserId(actor), decisionMessage: text } }
				: {}),
			actor,
			audit: {
				action: 'booking-request.cancelled',
				entity: 'booking_request',
				data: { by: actor.kind === 'capability' ? 'requester' : actor.kind }
			}
		});
		if (!result.changed) return { changed: false };
		const freed = await tx
			.update(bookings)
			.set({ status: 'cancelled' })
			.where(
				and(
					eq(bookings.requestId, requestId),
					inArray(bookings.status, [...HOLDING_BOOKING_STATUSES])
				)
			)
			.returning({ start: bookings.startsAt, end: bookings.endsAt, roomId: bookings.roomId });
		freed.sort((a, b) => a.start.getTime() - b.start.getTime());

		const [request] = await tx
			.select({
				createdAt: bookingRequests.createdAt,
				email: bookingRequests.email,
				locale: bookingRequests.locale
			})
			.from(bookingRequests)
			.where(eq(bookingRequests.id, requestId));
		const [room] = await tx
			.select({ name: rooms.name, bookingContactId: venues.bookingContactId })
			.from(bookings)
			.innerJoin(rooms, eq(rooms.id, bookings.roomId))
			.innerJoin(venues, eq(venues.id, rooms.venueId))
			.where(eq(bookings.requestId, requestId))
			.orderBy(asc(bookings.startsAt))
			.limit(1);
		const recipients = await resolveRecipients(tx, {
			contactPersonId: room?.bookingContactId ?? null
		});
		for (const to of recipients.emails) {
			await enqueueMail(
				tx,
				cancelledMail({
					to,
					reference: bookingReference(requestId, request.createdAt),
					roomName: room?.name ?? '',
					freed,
					backOfficeUrl: `${origin}/verwaltung/raeume/anfragen/${requestId}`
				})
			);
		}
		if (text !== undefined && request.email) {
			const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
			await enqueueMail(
				tx,
				bookingCancelledByStaffMail({
					to: request.email,
					locale: asLocale(request.locale),
					reference: bookingReference(requestId, request.createdAt),
					roomName: room?.name ?? '',
					dates: freed.map((d) => ({ startsAt: d.start, endsAt: d.end })),
					message: text,
					officeName: site?.officeName ?? ''
				})
			);
		}
		return { changed: true };
	});
}

const DE = { locale: 'de' } as const;

/** To staff, in German: which request was cancelled and which times are free again. */
function cancelledMail(p: {
	to: string;
	reference: string;
	roomName: string;
	freed: { start: Date; end: Date }[];
	backOfficeUrl: string;
}): OutgoingMail {
	const zone = timeZone();
	return {
		to: p.to,
		locale: 'de',
		templateKey: 'rooms.request-cancelled',
		subject: m.rooms_public_mail_cancelled_subject(
			{ reference: p.reference, room: p.roomName },
			DE
		),
		text: [
			m.rooms_public_mail_cancelled_intro({ reference: p.reference, room: p.roomName }, DE),
			'',
			...p.freed.map(
				(d) => `- ${formatTimeSpan(d.start, d.end, { locale: 'de', timeZone: zone })}`
			),
			'',
			m.rooms_mail_staff_link({ url: p.backOfficeUrl }, DE)
		].join('\n')
	};
}
