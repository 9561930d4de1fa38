import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	eventOccurrences,
	eventRegistrations,
	events,
	type RegistrationStatus
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { now } from '../time';
import { dateStatus } from './event-records';
import { registrationState } from './registration-records';

export interface RegistrationRow {
	id: number;
	name: string;
	email: string;
	persons: number;
	note: string;
	status: RegistrationStatus;
	createdAt: Date;
	promotedAt: Date | null;
	cancelledAt: Date | null;
}

/**
 * The participant lists of an event for staff: per date (with registrations, or still to come)
 * the confirmed, waiting and cancelled entries in sign-up order, with counts.
 */
export async function findEventRegistrations(
	db: Db,
	{ actor, eventId }: { actor: Actor; eventId: number }
) {
	assertCan(actor, 'events.manage');
	const [event] = await db
		.select({
			id: events.id,
			slug: events.slug,
			title: events.title,
			allDay: events.allDay,
			registrationEnabled: events.registrationEnabled,
			registrationCapacity: events.registrationCapacity
		})
		.from(events)
		.where(eq(events.id, eventId));
	if (!event) throw new DomainError('NOT_FOUND');
	const rows = await db
		.select({
			occurrenceId: eventRegistrations.occurrenceId,
			id: eventRegistrations.id,
			name: eventRegistrations.name,
			email: eventRegistrations.email,
			persons: eventRegistrations.persons,
			note: eventRegistrations.note,
			status: eventRegistrations.status,
			createdAt: eventRegistrations.createdAt,
			promotedAt: eventRegistrations.promotedAt,
			cancelledAt: eventRegistrations.cancelledAt
		})
		.from(eventRegistrations)
		.innerJoin(eventOccurrences, eq(eventOccurrences.id, eventRegistrations.occurrenceId))
		.where(eq(eventOccurrences.eventId, eventId))
		.orderBy(asc(eventRegistrations.id));
	const withRegistrations = [...new Set(rows.map((r) => r.occurrenceId))];
	const dates = await db
		.select({
			id: eventOccurrences.id,
			startsAt: eventOccurrences.startsAt,
			endsAt: eventOccurrences.endsAt,
			capacity: eventOccurrences.capacity,
			taken: eventOccurrences.taken
		})
		.from(eventOccurrences)
		.where(eq(eventOccurrences.eventId, eventId))
		.orderBy(asc(eventOccurrences.startsAt))
		.limit(400);
	const shown = dates.filter(
		(d) => withRegistrations.includes(d.id) || (d.endsAt > now() && d.capacity !== null)
	);
	return {
		event,
		dates: shown.slice(0, 60).map((d) => {
			const list = rows.filter((r) => r.occurrenceId === d.id);
			const of = (status: RegistrationStatus) => list.filter((r) => r.status === status);
			const persons = (l: RegistrationRow[]) => l.reduce((n, r) => n + r.persons, 0);
			return {
				...d,
				confirmed: of('confirmed'),
				waitlisted: of('waitlisted'),
				cancelled: of('cancelled'),
				counts: {
					confirmed: persons(of('confirmed')),
					waitlisted: persons(of('waitlisted')),
					cancelled: of('cancelled').length
				}
			};
		})
	};
}

/** The occurrence ids of an event (to check that a registration staff act on belongs to it). */
export async function registrationBelongsToEvent(
	db: Db,
	{ registrationId, eventId }: { registrationId: number; eventId: number }
): Promise<boolean> {
	const [row] = await db
		.select({ id: eventRegistrations.id })
		.from(eventRegistrations)
		.innerJoin(eventOccurrences, eq(eventOccurrences.id, eventRegistrations.occurrenceId))
		.where(and(eq(eventRegistrations.id, registrationId), eq(eventOccurrences.eventId, eventId)));
	return Boolean(row);
}

/** A date of the public page with its registration state (null: no registration). */
export async function findRegistrationDates(
	db: Db,
	{ eventId, limit = 12 }: { eventId: number; limit?: number }
) {
	const at = now();
	const rows = await db
		.select({
			id: eventOccurrences.id,
			startsAt: eventOccurrences.startsAt,
			endsAt: eventOccurrences.endsAt,
			capacity: eventOccurrences.capacity,
			taken: eventOccurrences.taken,
			status: dateStatus,
			registrationEnabled: events.registrationEnabled,
			registrationClosesHours: events.registrationClosesHours,
			registrationWaitlist: events.registrationWaitlist
		})
		.from(eventOccurrences)
		.innerJoin(events, eq(events.id, eventOccurrences.eventId))
		.where(
			and(
				eq(eventOccurrences.eventId, eventId),
				eq(events.registrationEnabled, true),
				gt(eventOccurrences.endsAt, at)
			)
		)
		.orderBy(asc(eventOccurrences.startsAt))
		.limit(limit);
	return rows.map((r) => ({
		id: r.id,
		startsAt: r.startsAt,
		endsAt: r.endsAt,
		state: registrationState(r, at)!
	}));
}
