import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernCategories, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { publicTimelines } from './public-concerns';

/**
 * What the holder of a status link sees: their concern (public or private) with the public
 * timeline. Their own contact data is not shown: whoever holds the link need not be them.
 */
export async function getConcernStatus(
	db: Db,
	{ actor, concernId }: { actor: Actor; concernId: number }
) {
	assertCan(actor, 'concern.view-status', { type: 'concern', id: concernId });
	const [concern] = await db
		.select({
			id: concerns.id,
			reference: concerns.reference,
			description: concerns.description,
			address: concerns.address,
			visibility: concerns.visibility,
			status: concerns.status,
			createdAt: concerns.createdAt,
			categoryName: concernCategories.name
		})
		.from(concerns)
		.innerJoin(concernCategories, and(eq(concernCategories.id, concerns.categoryId)))
		.where(eq(concerns.id, concernId));
	if (!concern) throw new DomainError('NOT_FOUND');
	const timeline = (await publicTimelines(db, [concern.id])).get(concern.id) ?? [];
	return { ...concern, timeline };
}
