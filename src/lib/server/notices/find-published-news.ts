import { and, count, desc, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { DomainError } from '../errors';
import { renderMarkdown } from '../site/markdown';
import { now as clockNow } from '../time';

const published = (now: Date) =>
	and(isNotNull(newsPosts.publishedAt), lte(newsPosts.publishedAt, now));

export async function findPublishedNews(
	db: Db,
	{ page, pageSize = 10, now = clockNow() }: { page: number; pageSize?: number; now?: Date }
) {
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({
				id: newsPosts.id,
				slug: newsPosts.slug,
				title: newsPosts.title,
				summary: newsPosts.summary,
				publishedAt: newsPosts.publishedAt,
				updatedAt: newsPosts.updatedAt
			})
			.from(newsPosts)
			.where(published(now))
			.orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(newsPosts).where(published(now))
	]);
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export async function getPublishedNewsBySlug(db: Db, slug: string, now = clockNow()) {
	const [row] = await db
		.select()
		.from(newsPosts)
		.where(and(eq(newsPosts.slug, slug), published(now)));
	if (!row) throw new DomainError('NOT_FOUND');
	return { ...row, html: renderMarkdown(row.body) };
}
