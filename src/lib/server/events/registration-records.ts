import { and, count, eq, lte } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import {
	eventOccurrences,
	eventRegistrations,
	events,
	rooms,
	siteSettings,
	venues
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { DomainError } from '../errors';
import { dateStatus } from './event-records';
import type { RegistrationState } from '$lib/events/registration-labels';

/*
 * What the registration use cases share: one date with its event and place, its state in words,
 * and the cancel link.
 */

export async function loadRegistrationDate(db: Db | Tx, occurrenceId: number) {
	const [row] = await db
		.select({
			occurrenceId: eventOccurrences.id,
			startsAt: eventOccurrences.startsAt,
			endsAt: eventOccurrences.endsAt,
			originalStart: eventOccurrences.originalStart,
			note: eventOccurrences.note,
			capacity: eventOccurrences.capacity,
			taken: eventOccurrences.taken,
			eventId: events.id,
			slug: events.slug,
			title: events.title,
			status: dateStatus,
			moderation: events.moderation,
			allDay: events.allDay,
			rrule: events.rrule,
			sequence: events.sequence,
			updatedAt: events.updatedAt,
			registrationEnabled: events.registrationEnabled,
			registrationClosesHours: events.registrationClosesHours,
			registrationWaitlist: events.registrationWaitlist,
			placeName: events.placeName,
			placeAddress: events.placeAddress,
			roomName: rooms.name,
			venueName: venues.name,
			venueStreet: venues.street,
			venuePostalCode: venues.postalCode,
			venueCity: venues.city
		})
		.from(eventOccurrences)
		.innerJoin(events, eq(events.id, eventOccurrences.eventId))
		.leftJoin(rooms, eq(rooms.id, events.roomId))
		.leftJoin(venues, eq(venues.id, rooms.venueId))
		.where(eq(eventOccurrences.id, occurrenceId));
	if (!row || row.moderation !== 'published') {
		throw new DomainError('NOT_FOUND', { detail: `event date ${occurrenceId}` });
	}
	return row;
}

export type RegistrationDate = Awaited<ReturnType<typeof loadRegistrationDate>>;

/** The place in one line (room and house, or the place entered). */
export function placeLine(d: RegistrationDate): string {
	if (d.roomName) {
		const town = [d.venuePostalCode, d.venueCity].filter(Boolean).join(' ');
		return [d.roomName, d.venueName, d.venueStreet, town].filter(Boolean).join(', ');
	}
	return [d.placeName, d.placeAddress].filter(Boolean).join(', ');
}

/** When sign-ups for a date close: its start, or the set number of hours before. */
export function closesAt(d: { startsAt: Date; registrationClosesHours: number | null }): Date {
	return new Date(d.startsAt.getTime() - (d.registrationClosesHours ?? 0) * 3_600_000);
}

/** A date's registration state at `at`; null when the event takes no registrations. */
export function registrationState(
	d: {
		startsAt: Date;
		capacity: number | null;
		taken: number;
		status: string;
		registrationEnabled: boolean;
		registrationClosesHours: number | null;
		registrationWaitlist: boolean;
	},
	at: Date
): RegistrationState | null {
	if (!d.registrationEnabled || d.capacity === null) return null;
	if (d.status === 'cancelled') return { kind: 'cancelled' };
	if (at >= closesAt(d)) return { kind: 'closed' };
	const free = d.capacity - d.taken;
	if (free > 0) return { kind: 'open', free };
	return d.registrationWaitlist ? { kind: 'waitlist' } : { kind: 'full' };
}

/**
 * The private cancel link of one registration, valid until the date starts (afterwards there
 * is nothing left to cancel). Single use: the page it opens asks before it cancels.
 */
export async function issueCancelLink(
	tx: Tx,
	{
		actor,
		registrationId,
		startsAt,
		email,
		origin,
		at
	}: {
		actor: Actor;
		registrationId: number;
		startsAt: Date;
		email: string;
		origin: string;
		at: Date;
	}
): Promise<string> {
	const minutes = Math.max(1, Math.ceil((startsAt.getTime() - at.getTime()) / 60_000));
	const link = await issueCapabilityLink(tx, {
		actor,
		purpose: 'event.registration-cancel',
		record: { type: 'event_registration', id: registrationId },
		expiresIn: { minutes },
		singleUse: true,
		sentTo: email
	});
	return `${origin}/veranstaltungen/anmeldung/absagen/${link.token}`;
}

export async function officeName(db: Db | Tx): Promise<string> {
	const [site] = await db.select({ officeName: siteSettings.officeName }).from(siteSettings);
	return site?.officeName ?? '';
}

/** Place n on the waitlist: the waiting entries of the date up to and including this one. */
export async function waitlistPosition(
	db: Db | Tx,
	{ occurrenceId, registrationId }: { occurrenceId: number; registrationId: number }
): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(eventRegistrations)
		.where(
			and(
				eq(eventRegistrations.occurrenceId, occurrenceId),
				eq(eventRegistrations.status, 'waitlisted'),
				lte(eventRegistrations.id, registrationId)
			)
		);
	return Number(row.n);
}
