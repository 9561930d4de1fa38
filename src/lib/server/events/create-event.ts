import type { Db, Tx } from '../db/client';
import { and, eq, gte } from 'drizzle-orm';
import { eventOccurrences, events } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now } from '../time';
import { materialise, resolveEventTimes } from './event-times';
import {
	checkPlaceAndOrganiser,
	eventColumns,
	eventSlugConflict,
	resolveEventSlug,
	writeOccurrences
} from './event-records';
import type { EventInput } from './events.schemas';
import { registrationColumns } from './registration-settings';

/**
 * A new event entered by staff (content role): published at once, its dates materialised and
 * its room held, in one transaction with the audit record.
 */
export async function createEvent(
	db: Db,
	{ actor, input }: { actor: Actor; input: EventInput }
): Promise<{ id: number; slug: string }> {
	assertCan(actor, 'events.manage');
	return db
		.transaction((tx) => insertEvent(tx, { actor, input, isExample: false }))
		.catch(eventSlugConflict);
}

/** The body of createEvent in the caller's transaction (the seed uses it for its examples). */
export async function insertEvent(
	tx: Tx,
	{
		actor,
		input,
		isExample,
		adopt
	}: {
		actor: Actor;
		input: EventInput;
		isExample: boolean;
		/** Splitting a series: the dates of that event from then on become this one's (same ids). */
		adopt?: { eventId: number; from: Date };
	}
): Promise<{ id: number; slug: string }> {
	const times = resolveEventTimes(input);
	const { dates, lastEndsAt, materialisedUntil } = materialise({ ...times, exdates: [] });
	await checkPlaceAndOrganiser(tx, input);
	const slug = await resolveEventSlug(tx, { requested: input.slug, title: input.title });
	const at = now();
	const [row] = await tx
		.insert(events)
		.values({
			...eventColumns(input),
			...registrationColumns(input),
			...times,
			slug,
			status: 'scheduled',
			moderation: 'published',
			isExample,
			lastEndsAt,
			materialisedUntil,
			createdBy: actor.kind === 'staff' ? actor.id : null,
			createdAt: at,
			updatedAt: at
		})
		.returning({ id: events.id, slug: events.slug, roomId: events.roomId });
	if (adopt) {
		await tx
			.update(eventOccurrences)
			.set({ eventId: row.id })
			.where(
				and(
					eq(eventOccurrences.eventId, adopt.eventId),
					gte(eventOccurrences.originalStart, adopt.from)
				)
			);
	}
	await writeOccurrences(
		tx,
		actor,
		{ ...row, title: input.title, status: 'scheduled', isExample, moderation: 'published' },
		dates
	);
	await recordAudit(tx, {
		actor,
		action: 'event.created',
		entity: 'event',
		entityId: row.id,
		data: { title: input.title, slug, rrule: times.rrule, startsAt: times.startsAt }
	});
	return { id: row.id, slug: row.slug };
}
