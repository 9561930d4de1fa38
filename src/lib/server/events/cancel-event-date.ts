import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { eventOccurrences } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { afterDateChange, lockDate } from './event-dates';
import { mailRegistrationsOfCancelledEvent } from './notify-registrations';
import type { CancelDateInput } from './event-dates.schemas';

/**
 * Cancels one date of a series: it stays listed as "Abgesagt" with the reason, calendar apps get
 * it as a cancelled override (same UID, RECURRENCE-ID), the room is free that day, and whoever
 * signed up for it gets a mail. Cancelling a
 * cancelled date is an INVALID_TRANSITION, not a second SEQUENCE.
 */
export async function cancelEventDate(
	db: Db,
	{
		actor,
		eventId,
		occurrenceId,
		input
	}: { actor: Actor; eventId: number; occurrenceId: number; input: CancelDateInput }
): Promise<void> {
	assertCan(actor, 'events.manage');
	await db.transaction(async (tx) => {
		const { event, date } = await lockDate(tx, { eventId, occurrenceId });
		if (date.cancelled) {
			throw new DomainError('INVALID_TRANSITION', {
				message: () => m.events_dates_error_already_cancelled()
			});
		}
		await tx
			.update(eventOccurrences)
			.set({ cancelled: true, cancelReason: input.reason })
			.where(eq(eventOccurrences.id, date.id));
		await afterDateChange(tx, actor, event);
		await mailRegistrationsOfCancelledEvent(tx, event.id, { occurrenceId: date.id });
		await recordAudit(tx, {
			actor,
			action: 'event.date-cancelled',
			entity: 'event',
			entityId: event.id,
			data: { occurrence: date.id, originalStart: date.originalStart, reason: input.reason }
		});
	});
}
