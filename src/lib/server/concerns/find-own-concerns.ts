import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernCategories, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';

/** A signed-in resident's (or staff member's) own concerns, newest first, for "Mein Konto". */
export async function findOwnConcerns(db: Db, { actor }: { actor: Actor }) {
	if (actor.kind !== 'resident' && actor.kind !== 'staff') return [];
	return db
		.select({
			reference: concerns.reference,
			visibility: concerns.visibility,
			status: concerns.status,
			categoryName: concernCategories.name,
			createdAt: concerns.createdAt
		})
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.where(eq(concerns.submitterUserId, actor.id))
		.orderBy(desc(concerns.createdAt), desc(concerns.id))
		.limit(50);
}
