import { and, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { capabilityLinks, eventOccurrences, eventRegistrations } from '../db/schema';
import { CLI_ACTOR } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';

/** Personal data of a registration is kept this long after its date ended. */
export const REGISTRATION_RETENTION_DAYS = 30;

/**
 * Blanks name, e-mail and note of registrations whose date ended more than `days` ago; their
 * links stop working. Counts (persons, status) stay for the statistics. One transaction.
 */
export async function anonymiseEventRegistrations(
	db: Db,
	{ now, days = REGISTRATION_RETENTION_DAYS }: { now: Date; days?: number }
): Promise<number> {
	const cutoff = new Date(now.getTime() - days * 86_400_000);
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ id: eventRegistrations.id })
			.from(eventRegistrations)
			.innerJoin(eventOccurrences, sql`${eventOccurrences.id} = ${eventRegistrations.occurrenceId}`)
			.where(and(isNull(eventRegistrations.anonymisedAt), lt(eventOccurrences.endsAt, cutoff)))
			.limit(5000);
		const ids = due.map((r) => r.id);
		if (ids.length === 0) return 0;
		await tx
			.update(eventRegistrations)
			.set({ name: '', email: '', note: '', anonymisedAt: now })
			.where(inArray(eventRegistrations.id, ids));
		await tx
			.update(capabilityLinks)
			.set({ revokedAt: now })
			.where(
				and(
					sql`${capabilityLinks.recordType} = 'event_registration'`,
					inArray(capabilityLinks.recordId, ids),
					isNull(capabilityLinks.revokedAt)
				)
			);
		for (const id of ids) {
			await recordAudit(tx, {
				actor: CLI_ACTOR,
				action: 'registration.anonymised',
				entity: 'event_registration',
				entityId: id
			});
		}
		return ids.length;
	});
}
