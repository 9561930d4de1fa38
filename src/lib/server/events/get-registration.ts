import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { eventRegistrations } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { loadRegistrationDate, waitlistPosition } from './registration-records';

/**
 * One registration as its cancel page shows it: the event, the date, the persons and the state.
 * No name or address: the page is opened from a link that could be forwarded.
 */
export async function getRegistration(
	db: Db,
	{ actor, registrationId }: { actor: Actor; registrationId: number }
) {
	assertCan(actor, 'events.registration-cancel', {
		type: 'event_registration',
		id: registrationId
	});
	const [row] = await db
		.select({
			id: eventRegistrations.id,
			occurrenceId: eventRegistrations.occurrenceId,
			persons: eventRegistrations.persons,
			status: eventRegistrations.status,
			anonymisedAt: eventRegistrations.anonymisedAt
		})
		.from(eventRegistrations)
		.where(eq(eventRegistrations.id, registrationId));
	if (!row || row.anonymisedAt) throw new DomainError('NOT_FOUND');
	const date = await loadRegistrationDate(db, row.occurrenceId);
	const position =
		row.status === 'waitlisted'
			? await waitlistPosition(db, { occurrenceId: row.occurrenceId, registrationId: row.id })
			: null;
	return {
		status: row.status,
		persons: row.persons,
		position,
		event: {
			title: date.title,
			slug: date.slug,
			startsAt: date.startsAt,
			endsAt: date.endsAt,
			allDay: date.allDay
		}
	};
}
