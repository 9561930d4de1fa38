import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernEntries, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { now } from '../time';
import { linkOf, notResolved } from './report-concern-not-solved';

/**
 * "Ja, erledigt": the holder of the status link confirms a resolved concern. Only a private
 * entry (and the audit), once per resolution: a second click changes nothing.
 */
export async function confirmConcernSolved(
	db: Db,
	{ actor, concernId }: { actor: Actor; concernId: number }
): Promise<{ recorded: boolean }> {
	assertCan(actor, 'concern.give-feedback', { type: 'concern', id: concernId });
	const at = now();
	return db.transaction(async (tx) => {
		// The row lock makes two clicks at once wait for each other.
		const [concern] = await tx
			.select({ status: concerns.status, closedAt: concerns.closedAt })
			.from(concerns)
			.where(eq(concerns.id, concernId))
			.for('update');
		if (!concern) throw new DomainError('NOT_FOUND');
		if (concern.status !== 'resolved' || !concern.closedAt) throw notResolved();
		const [earlier] = await tx
			.select({ id: concernEntries.id })
			.from(concernEntries)
			.where(
				and(
					eq(concernEntries.concernId, concernId),
					eq(concernEntries.kind, 'confirmed'),
					gte(concernEntries.createdAt, concern.closedAt)
				)
			)
			.limit(1);
		if (earlier) return { recorded: false };
		await tx
			.insert(concernEntries)
			.values({ concernId, kind: 'confirmed', isPublic: false, createdAt: at });
		await recordAudit(tx, {
			actor,
			action: 'concern.confirmed-by-submitter',
			entity: 'concern',
			entityId: concernId,
			data: linkOf(actor)
		});
		return { recorded: true };
	});
}
