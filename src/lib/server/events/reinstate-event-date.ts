import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { eventOccurrences } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { afterDateChange, lockDate } from './event-dates';

/**
 * Puts a cancelled date of a series back ("wieder ansetzen"): it takes place again at the time
 * it had, and holds its room again; a booking made meanwhile in its way is a CONFLICT naming it.
 */
export async function reinstateEventDate(
	db: Db,
	{ actor, eventId, occurrenceId }: { actor: Actor; eventId: number; occurrenceId: number }
): Promise<void> {
	assertCan(actor, 'events.manage');
	await db.transaction(async (tx) => {
		const { event, date } = await lockDate(tx, { eventId, occurrenceId });
		if (!date.cancelled) {
			throw new DomainError('INVALID_TRANSITION', {
				message: () => m.events_dates_error_not_cancelled()
			});
		}
		await tx
			.update(eventOccurrences)
			.set({ cancelled: false, cancelReason: '' })
			.where(eq(eventOccurrences.id, date.id));
		await afterDateChange(tx, actor, event);
		await recordAudit(tx, {
			actor,
			action: 'event.date-reinstated',
			entity: 'event',
			entityId: event.id,
			data: { occurrence: date.id, originalStart: date.originalStart }
		});
	});
}
