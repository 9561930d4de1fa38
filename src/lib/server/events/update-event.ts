import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
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
import { checkRegisteredDates, registrationColumns } from './registration-settings';
import { promoteAfterEdit } from './cancel-event-registration';

/**
 * Changes an event: its dates are materialised again from the new rule (exceptions that no
 * longer fall on a date of the rule drop out), SEQUENCE grows so subscribed calendars take the
 * change. The row is locked, so two editors do not interleave.
 */
export async function updateEvent(
	db: Db,
	{
		actor,
		id,
		input,
		origin
	}: {
		actor: Actor;
		id: number;
		input: EventInput;
		/** For the mails to people a raised capacity moves up from the waitlist. */
		origin?: string;
	}
): Promise<{ id: number; slug: string }> {
	assertCan(actor, 'events.manage');
	const times = resolveEventTimes(input);
	return db
		.transaction(async (tx) => {
			const [before] = await tx.select().from(events).where(eq(events.id, id)).for('update');
			if (!before) throw new DomainError('NOT_FOUND');
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
					isExample: before.isExample
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
			return { id, slug };
		})
		.catch(eventSlugConflict);
}
