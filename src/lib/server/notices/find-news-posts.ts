import { count, desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';

/** All posts for the back office, drafts first, then newest published. */
export async function findNewsPosts(
	db: Db,
	{ actor, page, pageSize = 20 }: { actor: Actor; page: number; pageSize?: number }
) {
	assertCan(actor, 'content.read');
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({
				id: newsPosts.id,
				slug: newsPosts.slug,
				title: newsPosts.title,
				publishedAt: newsPosts.publishedAt,
				updatedAt: newsPosts.updatedAt
			})
			.from(newsPosts)
			.orderBy(sql`${newsPosts.publishedAt} desc nulls first`, desc(newsPosts.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(newsPosts)
	]);
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
