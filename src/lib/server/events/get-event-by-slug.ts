import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventOccurrences, events, groups, rooms, venues } from '../db/schema';
import { DomainError } from '../errors';
import { renderMarkdown } from '../site/markdown';
import { now } from '../time';

/** How many coming dates an event's page lists. */
const NEXT_DATES = 12;

/**
 * A published event by its slug, with its organiser (contact only where the group agreed), its
 * place (a room of the house with the house's address, or the place entered), the description
 * as sanitised HTML and its next dates. NOT_FOUND for unknown, pending or rejected events.
 */
export async function getEventBySlug(db: Db, slug: string) {
	const [row] = await db
		.select({
			event: events,
			group: {
				slug: groups.slug,
				name: groups.name,
				email: groups.email,
				phone: groups.phone,
				showContact: groups.showContact
			},
			room: { slug: rooms.slug, name: rooms.name },
			venue: {
				name: venues.name,
				street: venues.street,
				postalCode: venues.postalCode,
				city: venues.city
			}
		})
		.from(events)
		.leftJoin(groups, eq(groups.id, events.groupId))
		.leftJoin(rooms, eq(rooms.id, events.roomId))
		.leftJoin(venues, eq(venues.id, rooms.venueId))
		.where(and(eq(events.slug, slug), eq(events.moderation, 'published')));
	if (!row) throw new DomainError('NOT_FOUND', { detail: `event ${slug}` });
	const nextDates = await db
		.select({
			id: eventOccurrences.id,
			startsAt: eventOccurrences.startsAt,
			endsAt: eventOccurrences.endsAt,
			originalStart: eventOccurrences.originalStart,
			cancelled: eventOccurrences.cancelled,
			cancelReason: eventOccurrences.cancelReason,
			moved: eventOccurrences.moved,
			note: eventOccurrences.note
		})
		.from(eventOccurrences)
		.where(and(eq(eventOccurrences.eventId, row.event.id), gt(eventOccurrences.endsAt, now())))
		.orderBy(asc(eventOccurrences.startsAt))
		.limit(NEXT_DATES);
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- never leaves the server
	const { search: _search, createdBy: _createdBy, ...event } = row.event;
	const group = row.group
		? {
				slug: row.group.slug,
				name: row.group.name,
				email: row.group.showContact ? row.group.email : '',
				phone: row.group.showContact ? row.group.phone : ''
			}
		: null;
	const place = row.room
		? {
				name: `${row.room.name}, ${row.venue?.name ?? ''}`.replace(/, $/, ''),
				street: row.venue?.street ?? '',
				postalCode: row.venue?.postalCode ?? '',
				city: row.venue?.city ?? '',
				roomSlug: row.room.slug
			}
		: {
				name: event.placeName,
				street: event.placeAddress,
				postalCode: '',
				city: '',
				roomSlug: null
			};
	return {
		event,
		descriptionHtml: renderMarkdown(event.description),
		group,
		place,
		nextDates
	};
}

export type EventDetail = Awaited<ReturnType<typeof getEventBySlug>>;
