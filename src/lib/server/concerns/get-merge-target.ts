import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { concerns } from '../db/schema';

export interface MergeTarget {
	reference: string;
	/** Only a public target gets a link; a private one is named by its number alone. */
	isPublic: boolean;
}

/**
 * Where a merged concern went, for its public page and its status link: the number of the
 * concern it was merged into (no other column of it). Null when it was not merged.
 * The caller has already decided that the asker may see concern `id`.
 */
export async function getMergeTarget(db: Db, id: number): Promise<MergeTarget | null> {
	const target = alias(concerns, 'target');
	const [row] = await db
		.select({ reference: target.reference, visibility: target.visibility })
		.from(concerns)
		.innerJoin(target, eq(target.id, concerns.mergedInto))
		.where(eq(concerns.id, id));
	return row ? { reference: row.reference, isPublic: row.visibility === 'public' } : null;
}
