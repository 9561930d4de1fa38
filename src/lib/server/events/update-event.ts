import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { eventOccurrences, events } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { icsDateTime } from '../calendar/ics';
import { ruleParts } from '../calendar/recurrence';
import { DomainError, fieldError } from '../errors';
import { now, timeZone } from '../time';
import { insertEvent } from './create-event';
import { materialise, resolveEventTimes } from './event-times';
import {
	checkPlaceAndOrganiser,
	eventColumns,
	eventSlugConflict,
	heldDates,
	resolveEventSlug,
	writeOccurrences
} from './event-records';
import { holdEventRoom } from './room-hold';
import type { SeriesScopeInput } from './event-dates.schemas';
import type { EventInput } from './events.schemas';
import { checkRegisteredDates, registrationColumns } from './registration-settings';
import { promoteAfterEdit } from './cancel-event-registration';

type EventRow = typeof events.$inferSelect;
type UpdatedEvent = { id: number; slug: string; moderation: string };

/**
 * Changes an event: its dates are materialised again from the new rule (exceptions that no
 * longer fall on a date of the rule drop out), SEQUENCE grows so subscribed calendars take the
 * change. The row is locked, so two editors do not interleave. With `scope` "following" and a
 * date of the series, the series is split there instead (see splitSeries); from its first date
 * that is the same as changing all dates.
 */
export async function updateEvent(
	db: Db,
	{
		actor,
		id,
		input,
		scope,
		origin
	}: {
		actor: Actor;
		id: number;
		input: EventInput;
		scope?: SeriesScopeInput;
		/** For the mails to people a raised capacity moves up from the waitlist. */
		origin?: string;
	}
): Promise<UpdatedEvent> {
	assertCan(actor, 'events.manage');
	return db
		.transaction(async (tx) => {
			const [before] = await tx.select().from(events).where(eq(events.id, id)).for('update');
			if (!before) throw new DomainError('NOT_FOUND');
			// A proposal is changed as a whole: the split's new part would be published at once.
			if (
				scope?.scope === 'following' &&
				before.rrule !== null &&
				before.moderation === 'published'
			) {
				const from = await splitDate(tx, before, scope.fromDate);
				if (from.getTime() !== before.startsAt.getTime()) {
					return splitSeries(tx, { actor, before, input, from });
				}
			}
			return updateAll(tx, { actor, before, input, origin });
		})
		.catch(eventSlugConflict);
}

async function updateAll(
	tx: Tx,
	{
		actor,
		before,
		input,
		origin
	}: { actor: Actor; before: EventRow; input: EventInput; origin?: string }
): Promise<UpdatedEvent> {
	const id = before.id;
	const times = resolveEventTimes(input);
	await checkPlaceAndOrganiser(tx, input);
	const slug = await resolveEventSlug(tx, {
		requested: input.slug || before.slug,
		title: input.title,
		selfId: id
	});
	const exdates = before.exdates.filter((d) => times.rrule !== null && d >= times.startsAt);
	const { dates, lastEndsAt, materialisedUntil } = materialise({ ...times, exdates });
	const registration = registrationColumns(input);
	const columns = { ...eventColumns(input), ...registration, ...times, slug, exdates };
	await checkRegisteredDates(tx, {
		eventId: id,
		dates,
		capacity: registration.registrationCapacity
	});
	await tx
		.update(events)
		.set({
			...columns,
			lastEndsAt,
			materialisedUntil,
			sequence: sql`${events.sequence} + 1`,
			updatedAt: now()
		})
		.where(eq(events.id, id));
	await writeOccurrences(
		tx,
		actor,
		{
			id,
			title: input.title,
			roomId: input.roomId,
			status: before.status,
			isExample: before.isExample,
			moderation: before.moderation
		},
		dates
	);
	if (origin) await promoteAfterEdit(tx, { actor, eventId: id, origin });
	await recordAudit(tx, {
		actor,
		action: 'event.updated',
		entity: 'event',
		entityId: id,
		...changes(before, columns)
	});
	return { id, slug, moderation: before.moderation };
}

/** The original start of the series' date on the chosen day; a field error if there is none. */
async function splitDate(tx: Tx, before: EventRow, day: string | null): Promise<Date> {
	if (!day) {
		throw fieldError('fromDate', () => m.error_required({ field: m.events_dates_field_from() }));
	}
	const zone = timeZone();
	const start = Temporal.PlainDate.from(day).toZonedDateTime(zone);
	const [date] = await tx
		.select({ originalStart: eventOccurrences.originalStart })
		.from(eventOccurrences)
		.where(
			and(
				eq(eventOccurrences.eventId, before.id),
				gte(eventOccurrences.originalStart, new Date(start.epochMilliseconds)),
				lt(eventOccurrences.originalStart, new Date(start.add({ days: 1 }).epochMilliseconds))
			)
		)
		.orderBy(asc(eventOccurrences.originalStart))
		.limit(1);
	if (!date) throw fieldError('fromDate', () => m.events_dates_error_from_not_date());
	if (date.originalStart < now())
		throw fieldError('fromDate', () => m.events_dates_error_from_past());
	return date.originalStart;
}

/** The rule ended just before `from` (UNTIL replaces COUNT or an earlier end). */
function ruleUntil(rule: string, from: Date): string {
	const parts = ruleParts(rule) ?? {};
	delete parts.COUNT;
	parts.UNTIL = icsDateTime(new Date(from.getTime() - 1000));
	const { FREQ, ...rest } = parts;
	return [`FREQ=${FREQ}`, ...Object.entries(rest).map(([k, v]) => `${k}=${v}`)].join(';');
}

/**
 * "Diesen und alle folgenden Termine": the old event ends before `from` (UNTIL), a new event
 * with all fields of the form (own slug) starts on that day. The dates from then on move to the
 * new event with their ids, so their registrations and single-date changes stay, as long as the
 * new rule still gives them. One transaction, an audit entry on both events.
 */
async function splitSeries(
	tx: Tx,
	{ actor, before, input, from }: { actor: Actor; before: EventRow; input: EventInput; from: Date }
): Promise<UpdatedEvent> {
	const zone = timeZone();
	const day = Temporal.Instant.fromEpochMilliseconds(from.getTime())
		.toZonedDateTimeISO(zone)
		.toPlainDate()
		.toString();
	const oldRule = ruleUntil(before.rrule!, from);
	const old = materialise({ ...before, rrule: oldRule });
	// A count in the form counts the whole series: the new part has what is left of it.
	let count = input.count;
	if (input.repeatEnd === 'count' && count !== null) {
		count = Math.max(1, count - old.dates.filter((d) => d.originalStart < from).length);
	}
	const placement = {
		id: before.id,
		title: before.title,
		roomId: before.roomId,
		status: before.status,
		isExample: before.isExample,
		moderation: before.moderation
	};
	// The old event lets go of the room for the dates it hands over before the new one holds it.
	await holdEventRoom(tx, {
		actor,
		event: placement,
		dates: (await heldDates(tx, before.id)).filter((d) => d.originalStart < from)
	});
	await tx
		.update(events)
		.set({
			rrule: oldRule,
			lastEndsAt: old.lastEndsAt,
			materialisedUntil: old.materialisedUntil,
			exdates: before.exdates.filter((d) => d < from),
			sequence: sql`${events.sequence} + 1`,
			updatedAt: now()
		})
		.where(eq(events.id, before.id));
	const created = await insertEvent(tx, {
		actor,
		input: {
			...input,
			date: day,
			count,
			// The old event keeps its address; the new one gets its own.
			slug: input.slug === before.slug ? '' : input.slug
		},
		isExample: before.isExample,
		adopt: { eventId: before.id, from }
	});
	await writeOccurrences(tx, actor, placement, old.dates);
	await recordAudit(tx, {
		actor,
		action: 'event.split',
		entity: 'event',
		entityId: before.id,
		before: { rrule: before.rrule },
		after: { rrule: oldRule },
		data: { from, newEvent: created.id }
	});
	await recordAudit(tx, {
		actor,
		action: 'event.split',
		entity: 'event',
		entityId: created.id,
		data: { from, oldEvent: before.id }
	});
	return { ...created, moderation: 'published' };
}
