import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db, Tx } from '../db/client';
import { capabilityLinks, concernEntries, concerns } from '../db/schema';
import { CLI_ACTOR, type Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { timeZone } from '../time';
import { CLOSED_CONCERN_STATUSES } from './concerns.states';

/** Why personal data went: the retention period ran out, or the person asked (Art. 17 DSGVO). */
export type ErasureReason = 'retention' | 'request';

/**
 * Blanks everything personal of the given concerns in the caller's transaction: the submitter
 * columns, the consents, the account link, and what the status link's holder wrote into the
 * timeline (their private entries keep only that they were there). The public text, the
 * office's answers and the steps stay. The holder's status links stop working; on request the
 * links of bodies that still have to answer an open concern stay (they never show the erased
 * data again), after the retention period every link of the closed concern goes. One audit
 * record per concern, without the data. Returns the ids that still had data to erase.
 */
export async function erasePersonalDataOf(
	tx: Tx,
	{ actor, ids, at, reason }: { actor: Actor; ids: number[]; at: Date; reason: ErasureReason }
): Promise<number[]> {
	if (ids.length === 0) return [];
	const erased = await tx
		.update(concerns)
		.set({
			submitterName: '',
			submitterEmail: '',
			submitterPhone: '',
			consentContact: false,
			consentForwardContact: false,
			submitterUserId: null,
			personalDataErasedAt: at
		})
		.where(and(inArray(concerns.id, ids), isNull(concerns.personalDataErasedAt)))
		.returning({ id: concerns.id });
	const done = erased.map((r) => r.id);
	if (done.length === 0) return [];
	await tx
		.update(concernEntries)
		.set({ body: '' })
		.where(
			and(
				inArray(concernEntries.concernId, done),
				inArray(concernEntries.kind, ['not_solved', 'confirmed'])
			)
		);
	// The holder's links: dead, and the masked address they were sent to goes too.
	await tx
		.update(capabilityLinks)
		.set({ revokedAt: sql`coalesce(${capabilityLinks.revokedAt}, ${at})`, sentToHint: null })
		.where(
			and(
				eq(capabilityLinks.recordType, 'concern'),
				inArray(capabilityLinks.recordId, done),
				eq(capabilityLinks.purpose, 'concern.status')
			)
		);
	if (reason === 'retention') {
		await tx
			.update(capabilityLinks)
			.set({ revokedAt: at })
			.where(
				and(
					eq(capabilityLinks.recordType, 'concern'),
					inArray(capabilityLinks.recordId, done),
					isNull(capabilityLinks.revokedAt)
				)
			);
	}
	for (const id of done) {
		await recordAudit(tx, {
			actor,
			action: 'concern.personal-data-erased',
			entity: 'concern',
			entityId: id,
			data: { reason }
		});
	}
	return done;
}

/** The instant `months` calendar months before `now`, in the office's time zone. */
export function monthsBefore(now: Date, months: number): Date {
	const local = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(
		timeZone()
	);
	return new Date(local.subtract({ months }).epochMilliseconds);
}

/**
 * The retention job's work: personal data of concerns closed (resolved, declined, merged) more
 * than `months` ago goes; open concerns keep it however old they are. One transaction per
 * batch of 500. Returns how many concerns were erased.
 */
export async function eraseExpiredConcernData(
	db: Db,
	{ now, months }: { now: Date; months: number }
): Promise<number> {
	const cutoff = monthsBefore(now, months);
	let total = 0;
	for (;;) {
		const count = await db.transaction(async (tx) => {
			const due = await tx
				.select({ id: concerns.id })
				.from(concerns)
				.where(
					and(
						inArray(concerns.status, [...CLOSED_CONCERN_STATUSES]),
						// A closed concern without closed_at (a merge that did not set it) counts from its
						// last change, so it is not kept for ever.
						lt(sql`coalesce(${concerns.closedAt}, ${concerns.updatedAt})`, cutoff),
						isNull(concerns.personalDataErasedAt)
					)
				)
				.orderBy(concerns.id)
				.limit(500)
				.for('update', { skipLocked: true });
			const ids = due.map((r) => r.id);
			await erasePersonalDataOf(tx, { actor: CLI_ACTOR, ids, at: now, reason: 'retention' });
			return ids.length;
		});
		total += count;
		if (count < 500) return total;
	}
}
