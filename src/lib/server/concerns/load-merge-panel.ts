import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import {
	findMergeCandidates,
	MERGEABLE_STATUSES,
	type MergeCandidate
} from './find-merge-candidates';

/**
 * What the merge panel on the staff detail page shows: where the concern was merged to, or
 * (while it is open) the likely duplicates to merge it into.
 */
export async function loadMergePanel(
	db: Db,
	{ actor, id }: { actor: Actor; id: number }
): Promise<{
	mergeable: boolean;
	mergedInto: { id: number; reference: string } | null;
	candidates: MergeCandidate[];
}> {
	assertCan(actor, 'concerns.manage');
	const target = alias(concerns, 'target');
	const [row] = await db
		.select({ status: concerns.status, intoId: target.id, intoReference: target.reference })
		.from(concerns)
		.leftJoin(target, eq(target.id, concerns.mergedInto))
		.where(eq(concerns.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	const mergeable = (MERGEABLE_STATUSES as readonly string[]).includes(row.status);
	return {
		mergeable,
		mergedInto:
			row.intoId !== null && row.intoReference !== null
				? { id: row.intoId, reference: row.intoReference }
				: null,
		candidates: mergeable ? await findMergeCandidates(db, { actor, id }) : []
	};
}
