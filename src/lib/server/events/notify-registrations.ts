import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { eventOccurrences, eventRegistrations } from '../db/schema';
import { enqueueMail } from '../mail/outbox';
import { now } from '../time';
import { asLocale, eventCancelledMail, eventDateMovedMail } from './registration-mails';
import { loadRegistrationDate, officeName } from './registration-records';

/** Who is signed up (or waiting) for a coming date of the event, or for the one date. */
async function comingRegistrations(tx: Tx, eventId: number, occurrenceId?: number) {
	return tx
		.select({
			occurrenceId: eventRegistrations.occurrenceId,
			email: eventRegistrations.email,
			locale: eventRegistrations.locale,
			status: eventRegistrations.status
		})
		.from(eventRegistrations)
		.innerJoin(eventOccurrences, eq(eventOccurrences.id, eventRegistrations.occurrenceId))
		.where(
			and(
				eq(eventOccurrences.eventId, eventId),
				occurrenceId === undefined ? undefined : eq(eventOccurrences.id, occurrenceId),
				gt(eventOccurrences.startsAt, now()),
				inArray(eventRegistrations.status, ['confirmed', 'waitlisted'])
			)
		);
}

/**
 * Tells everyone signed up (or waiting) for a coming date of the event that it is cancelled, in
 * the caller's transaction: every date, or the one `occurrenceId` when a single date of a series
 * is cancelled. The registrations stay: if the event or date is re-instated they hold.
 */
export async function mailRegistrationsOfCancelledEvent(
	tx: Tx,
	eventId: number,
	{ occurrenceId }: { occurrenceId?: number } = {}
): Promise<number> {
	const rows = await comingRegistrations(tx, eventId, occurrenceId);
	if (rows.length === 0) return 0;
	const office = await officeName(tx);
	const dates = new Map<number, Awaited<ReturnType<typeof loadRegistrationDate>>>();
	for (const row of rows) {
		let date = dates.get(row.occurrenceId);
		if (!date) {
			date = await loadRegistrationDate(tx, row.occurrenceId);
			dates.set(row.occurrenceId, date);
		}
		await enqueueMail(
			tx,
			eventCancelledMail({ to: row.email, locale: asLocale(row.locale), date, officeName: office })
		);
	}
	return rows.length;
}

/**
 * Tells everyone signed up (or waiting) for one date that it moved, with the new time and the
 * previous one; a confirmed seat gets the date as .ics again, so the calendar entry moves too.
 */
export async function mailRegistrationsOfMovedDate(
	tx: Tx,
	{
		eventId,
		occurrenceId,
		previous,
		origin
	}: {
		eventId: number;
		occurrenceId: number;
		previous: { startsAt: Date; endsAt: Date };
		origin: string;
	}
): Promise<number> {
	const rows = await comingRegistrations(tx, eventId, occurrenceId);
	if (rows.length === 0) return 0;
	const office = await officeName(tx);
	const date = await loadRegistrationDate(tx, occurrenceId);
	for (const row of rows) {
		await enqueueMail(
			tx,
			eventDateMovedMail({
				to: row.email,
				locale: asLocale(row.locale),
				date,
				previous,
				withCalendar: row.status === 'confirmed',
				origin,
				officeName: office
			})
		);
	}
	return rows.length;
}
