import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernCategories, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';

/** Every category for the staff list, inactive ones too, with how many concerns use each. */
export async function findConcernCategories(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'concerns.manage');
	return db
		.select({
			id: concernCategories.id,
			slug: concernCategories.slug,
			name: concernCategories.name,
			description: concernCategories.description,
			sortOrder: concernCategories.sortOrder,
			active: concernCategories.active,
			concernCount: count(concerns.id)
		})
		.from(concernCategories)
		.leftJoin(concerns, eq(concerns.categoryId, concernCategories.id))
		.groupBy(concernCategories.id)
		.orderBy(asc(concernCategories.sortOrder), asc(concernCategories.id));
}
