import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventOccurrences, events, groups } from '../db/schema';
import { DomainError } from '../errors';
import { now } from '../time';

/** A group's page lists at most this many of its events. */
const MAX_GROUP_EVENTS = 50;

/**
 * A group's public page: name, description, contact if it agreed, and its events that are still
 * to come, once each with their next date (a weekly event is one entry, not fifty).
 */
export async function getGroupBySlug(db: Db, slug: string) {
	const [group] = await db
		.select({
			id: groups.id,
			slug: groups.slug,
			name: groups.name,
			description: groups.description,
			email: groups.email,
			phone: groups.phone,
			showContact: groups.showContact,
			isExample: groups.isExample
		})
		.from(groups)
		.where(eq(groups.slug, slug));
	if (!group) throw new DomainError('NOT_FOUND', { detail: `group ${slug}` });
	const at = now();
	const next = db
		.select({
			eventId: eventOccurrences.eventId,
			startsAt: sql<Date>`min(${eventOccurrences.startsAt})`.as('next_starts_at'),
			endsAt: sql<Date>`min(${eventOccurrences.endsAt})`.as('next_ends_at')
		})
		.from(eventOccurrences)
		.innerJoin(events, eq(events.id, eventOccurrences.eventId))
		// The next date that takes place (a cancelled single date is on the event's page).
		.where(
			and(
				eq(events.groupId, group.id),
				gt(eventOccurrences.endsAt, at),
				eq(eventOccurrences.cancelled, false)
			)
		)
		.groupBy(eventOccurrences.eventId)
		.as('next');
	const upcoming = await db
		.select({
			slug: events.slug,
			title: events.title,
			status: events.status,
			allDay: events.allDay,
			rrule: events.rrule,
			firstStart: events.startsAt,
			isExample: events.isExample,
			startsAt: next.startsAt,
			endsAt: next.endsAt
		})
		.from(events)
		.innerJoin(next, eq(next.eventId, events.id))
		.where(eq(events.moderation, 'published'))
		.orderBy(asc(next.startsAt), asc(events.id))
		.limit(MAX_GROUP_EVENTS);
	return {
		group: {
			slug: group.slug,
			name: group.name,
			description: group.description,
			email: group.showContact ? group.email : '',
			phone: group.showContact ? group.phone : '',
			isExample: group.isExample
		},
		// The aggregate comes back as text on some drivers.
		events: upcoming.map((e) => ({
			...e,
			startsAt: new Date(e.startsAt),
			endsAt: new Date(e.endsAt)
		}))
	};
}
