import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import { bookingRequests, bookings, rooms, siteSettings } from '../db/schema';
import { defineJob } from '../jobs/define-job';
import { enqueueMail } from '../mail/outbox';
import { addLocalDays, localDayBounds, timeZone, toLocalDate } from '../time';
import { bookingReference } from './booking-reference';
import { asLocale } from './booking-decision-mails';

/**
 * Daily: whoever has an approved booking tomorrow gets a reminder. The dedupe key is the
 * booking's and its start, so a second run (a restart, a second app instance) never sends it
 * twice, and a date staff moved after its reminder is reminded again for its new time.
 */
export const bookingRemindersJob = defineJob({
	name: 'rooms.booking-reminders',
	title: () => m.jobs_title_booking_reminders(),
	dailyAt: '09:00',
	run: async ({ db, now }) => {
		const tomorrow = localDayBounds(toLocalDate(addLocalDays(now, 1)))!;
		const due = await db
			.select({
				id: bookings.id,
				startsAt: bookings.startsAt,
				endsAt: bookings.endsAt,
				requestId: bookingRequests.id,
				createdAt: bookingRequests.createdAt,
				email: bookingRequests.email,
				locale: bookingRequests.locale,
				room: rooms.name
			})
			.from(bookings)
			.innerJoin(bookingRequests, eq(bookingRequests.id, bookings.requestId))
			.innerJoin(rooms, eq(rooms.id, bookings.roomId))
			.where(
				and(
					eq(bookings.status, 'approved'),
					gte(bookings.startsAt, tomorrow.start),
					lt(bookings.startsAt, tomorrow.end),
					isNull(bookingRequests.anonymisedAt)
				)
			)
			.orderBy(asc(bookings.startsAt));
		if (due.length === 0) return;
		const [site] = await db.select({ officeName: siteSettings.officeName }).from(siteSettings);
		for (const booking of due) {
			const locale = asLocale(booking.locale);
			const opts = { locale } as const;
			const when = formatTimeSpan(booking.startsAt, booking.endsAt, {
				locale,
				timeZone: timeZone()
			});
			const reference = bookingReference(booking.requestId, booking.createdAt);
			await enqueueMail(db, {
				to: booking.email,
				subject: m.rooms_mail_reminder_subject({ room: booking.room, reference }, opts),
				text: [
					m.rooms_mail_reminder_text({ room: booking.room, when, reference }, opts),
					'',
					'-- ',
					site?.officeName ?? ''
				].join('\n'),
				locale,
				templateKey: 'rooms.reminder',
				dedupeKey: `rooms.reminder:booking-${booking.id}:${booking.startsAt.toISOString()}`
			});
		}
	}
});
