import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { resolveNewsSlug, slugConflict } from './news-slug';
import type { NewsPostInput } from './notices.schemas';
import { now as clockNow } from '../time';

/** Saves a post; publishing keeps the first publication date, unticking takes it offline. */
export async function updateNewsPost(
	db: Db,
	{
		actorId,
		id,
		input,
		now = clockNow()
	}: { actorId: number; id: number; input: NewsPostInput; now?: Date }
) {
	return db
		.transaction(async (tx) => {
			const [existing] = await tx
				.select({ publishedAt: newsPosts.publishedAt })
				.from(newsPosts)
				.where(eq(newsPosts.id, id))
				.for('update');
			if (!existing) throw new DomainError('NOT_FOUND');
			const slug = await resolveNewsSlug(tx, {
				requested: input.slug,
				title: input.title,
				selfId: id
			});
			const publishedAt = input.published ? (existing.publishedAt ?? now) : null;
			const [row] = await tx
				.update(newsPosts)
				.set({
					slug,
					title: input.title,
					summary: input.summary,
					body: input.body,
					publishedAt,
					updatedAt: now
				})
				.where(eq(newsPosts.id, id))
				.returning({ id: newsPosts.id, slug: newsPosts.slug });
			await recordAudit(tx, {
				actorId,
				action: 'update',
				entity: 'news_post',
				entityId: id,
				data: { published: input.published }
			});
			return row;
		})
		.catch(slugConflict);
}
