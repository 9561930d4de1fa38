import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernEntries, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

/**
 * What the status link's holder may say now: on a resolved concern "nicht gelöst" or "Ja,
 * erledigt" (the latter until they said it for this resolution).
 */
export async function getConcernFeedback(
	db: Db,
	{ actor, concernId }: { actor: Actor; concernId: number }
): Promise<{ askable: boolean; confirmed: boolean }> {
	assertCan(actor, 'concern.view-status', { type: 'concern', id: concernId });
	const [concern] = await db
		.select({ status: concerns.status, closedAt: concerns.closedAt })
		.from(concerns)
		.where(eq(concerns.id, concernId));
	if (!concern) throw new DomainError('NOT_FOUND');
	if (concern.status !== 'resolved' || !concern.closedAt) {
		return { askable: false, confirmed: false };
	}
	const [confirmed] = await db
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
	return { askable: true, confirmed: Boolean(confirmed) };
}
