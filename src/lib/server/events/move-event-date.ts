import { eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { eventOccurrences, MAX_EVENT_DAYS } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError, fieldError } from '../errors';
import { localToInstant, now, timeZone } from '../time';
import { afterDateChange, lockDate } from './event-dates';
import { mailRegistrationsOfMovedDate } from './notify-registrations';
import type { MoveDateInput } from './event-dates.schemas';

const DAY_MS = 86_400_000;

/** The new instants of the date from the form, in the zone; INVALID field errors otherwise. */
function newTimes(input: MoveDateInput, allDay: boolean, zone: string) {
	const first = Temporal.PlainDate.from(input.date);
	const last = input.endDate ? Temporal.PlainDate.from(input.endDate) : first;
	if (Temporal.PlainDate.compare(last, first) < 0) {
		throw fieldError('endDate', () => m.events_error_end_before_start());
	}
	if (allDay) {
		return {
			start: new Date(first.toZonedDateTime(zone).epochMilliseconds),
			end: new Date(last.add({ days: 1 }).toZonedDateTime(zone).epochMilliseconds)
		};
	}
	if (!input.startTime) {
		throw fieldError('startTime', () => m.error_required({ field: m.events_field_start_time() }));
	}
	if (!input.endTime) {
		throw fieldError('endTime', () => m.error_required({ field: m.events_field_end_time() }));
	}
	const start = localToInstant(`${input.date}T${input.startTime}`, zone)!;
	const end = localToInstant(`${last.toString()}T${input.endTime}`, zone)!;
	if (end <= start) throw fieldError('endTime', () => m.events_error_end_before_start());
	return { start, end };
}

/**
 * Changes one date of a series (another day or time, and/or a public note): the date keeps its
 * id and RECURRENCE-ID (original start), so registrations stay attached and calendar apps move
 * the right date; later edits of the series keep the change. Its room hold moves with it; a
 * booking in the way is a CONFLICT at the date field, naming the busy time. Whoever is signed up
 * for the date hears of a new time (not of a changed note alone).
 */
export async function moveEventDate(
	db: Db,
	{
		actor,
		eventId,
		occurrenceId,
		input,
		origin
	}: { actor: Actor; eventId: number; occurrenceId: number; input: MoveDateInput; origin: string }
): Promise<void> {
	assertCan(actor, 'events.manage');
	const zone = timeZone();
	await db.transaction(async (tx) => {
		const { event, date } = await lockDate(tx, { eventId, occurrenceId });
		if (date.cancelled) {
			throw new DomainError('INVALID_TRANSITION', {
				message: () => m.events_dates_error_move_cancelled()
			});
		}
		const { start, end } = newTimes(input, event.allDay, zone);
		if (end.getTime() - start.getTime() > MAX_EVENT_DAYS * DAY_MS) {
			throw fieldError('endDate', () => m.events_error_too_long({ days: MAX_EVENT_DAYS }));
		}
		if (start <= now()) throw fieldError('date', () => m.events_dates_error_move_past());
		// A date stays within its series: not before the first date nor after the stored dates.
		const bound =
			event.lastEndsAt > event.materialisedUntil ? event.lastEndsAt : event.materialisedUntil;
		if (start < event.startsAt || start > bound) {
			throw fieldError('date', () => m.events_dates_error_outside());
		}
		// Back at the rule's own time, the date is no longer an exception to it.
		const duration = event.endsAt.getTime() - event.startsAt.getTime();
		const moved =
			start.getTime() !== date.originalStart.getTime() ||
			end.getTime() - start.getTime() !== duration;
		await tx
			.update(eventOccurrences)
			.set({ startsAt: start, endsAt: end, moved, note: input.note })
			.where(eq(eventOccurrences.id, date.id));
		try {
			await afterDateChange(tx, actor, event, end);
		} catch (err) {
			// The form of one date has no room field: the busy time is shown at its day.
			if (err instanceof DomainError && err.code === 'CONFLICT' && err.details.fields?.roomId) {
				throw fieldError('date', err.details.fields.roomId, 'CONFLICT');
			}
			throw err;
		}
		if (start.getTime() !== date.startsAt.getTime() || end.getTime() !== date.endsAt.getTime()) {
			await mailRegistrationsOfMovedDate(tx, {
				eventId: event.id,
				occurrenceId: date.id,
				previous: { startsAt: date.startsAt, endsAt: date.endsAt },
				origin
			});
		}
		await recordAudit(tx, {
			actor,
			action: 'event.date-moved',
			entity: 'event',
			entityId: event.id,
			before: { startsAt: date.startsAt, endsAt: date.endsAt, note: date.note },
			after: { startsAt: start, endsAt: end, note: input.note },
			data: { occurrence: date.id, originalStart: date.originalStart }
		});
	});
}
