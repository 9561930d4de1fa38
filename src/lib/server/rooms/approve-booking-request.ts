import { and, eq, inArray } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { bookingRequests, bookings, siteSettings } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError, fieldError } from '../errors';
import { enqueueMail } from '../mail/outbox';
import { transition } from '../states';
import { now } from '../time';
import { bookingCalendar } from './booking-calendar';
import { asLocale, bookingApprovedMail } from './booking-decision-mails';
import { loadBookingRequest } from './get-booking-request';
import { BOOKING_REQUEST_TRANSITIONS } from './rooms.states';

/** The states of a request's dates that staff may approve (they hold the room). */
const APPROVABLE = ['pending', 'proposed'] as const;

/**
 * Approves a request: its held dates become approved, except those staff chose to leave out
 * (`skipBookingIds`), which become skipped like the dates that were taken or closed when the
 * request came in. The requester gets a mail with the dates and an .ics file. All in one
 * transaction; approving an approved request again (a second click, two staff at once) changes
 * nothing and sends nothing.
 */
export async function approveBookingRequest(
	db: Db,
	{ actor, id, skipBookingIds = [] }: { actor: Actor; id: number; skipBookingIds?: number[] }
): Promise<{ changed: boolean; approved: number; skipped: number }> {
	assertCan(actor, 'bookings.decide');
	return db.transaction(async (tx) => {
		const detail = await loadBookingRequest(tx, id);
		if (!detail) throw new DomainError('NOT_FOUND');
		const approvable = detail.dates.filter((d) =>
			(APPROVABLE as readonly string[]).includes(d.status)
		);
		const approvableIds = new Set(approvable.map((d) => d.id));
		const skip = new Set(skipBookingIds);
		const approved = approvable.filter((d) => !skip.has(d.id));
		const skipped = detail.dates.filter(
			(d) => d.status === 'conflict' || (approvableIds.has(d.id) && skip.has(d.id))
		);
		const at = now();
		const result = await transition(tx, {
			table: bookingRequests,
			idColumn: bookingRequests.id,
			stateColumn: bookingRequests.status,
			id,
			transitions: BOOKING_REQUEST_TRANSITIONS,
			to: 'approved',
			set: { decidedAt: at, decidedBy: actorUserId(actor) },
			actor,
			audit: {
				action: 'booking-request.approved',
				entity: 'booking_request',
				data: {
					approved: approved.map((d) => d.id),
					skipped: skipped.map((d) => d.id)
				}
			}
		});
		if (!result.changed) return { changed: false, approved: 0, skipped: 0 };

		// Only this request's open dates may be left out; anything else is a stale or forged form.
		if (skipBookingIds.some((bookingId) => !approvableIds.has(bookingId))) {
			throw fieldError('skipBookingIds', () => m.rooms_staff_error_skip_unknown());
		}
		if (approved.length === 0) {
			throw fieldError('skipBookingIds', () => m.rooms_staff_error_skip_all());
		}
		await tx
			.update(bookings)
			.set({ status: 'approved' })
			.where(
				inArray(
					bookings.id,
					approved.map((d) => d.id)
				)
			);
		if (skipped.length > 0) {
			await tx
				.update(bookings)
				.set({ status: 'skipped' })
				.where(
					and(
						eq(bookings.requestId, id),
						inArray(
							bookings.id,
							skipped.map((d) => d.id)
						)
					)
				);
		}

		const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
		await enqueueMail(
			tx,
			bookingApprovedMail({
				to: detail.request.email,
				locale: asLocale(detail.request.locale),
				reference: detail.reference,
				roomName: detail.roomName,
				approved,
				skipped,
				calendar: bookingCalendar({
					roomName: detail.roomName,
					location: detail.location,
					description: detail.reference,
					dates: approved.map((d) => ({
						id: d.id,
						start: d.startsAt,
						end: d.endsAt,
						sequence: d.revision,
						roomName: d.roomName
					})),
					stamp: at
				}),
				officeName: site?.officeName ?? ''
			})
		);
		return { changed: true, approved: approved.length, skipped: skipped.length };
	});
}
