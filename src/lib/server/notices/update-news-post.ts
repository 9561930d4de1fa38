import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { resolveNewsSlug, slugConflict } from './news-slug';
import type { NewsPostInput } from './notices.schemas';
import { now as clockNow } from '../time';

/** Saves a post; publishing keeps the first publication date, unticking takes it offline. */
export async function updateNewsPost(
	db: Db,
	{
		actor,
		id,
		input,
		now = clockNow()
	}: { actor: Actor; id: number; input: NewsPostInput; now?: Date }
) {
	assertCan(actor, 'content.edit');
	return db
		.transaction(async (tx) => {
			const [existing] = await tx
				.select()
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
			const values = {
				slug,
				title: input.title,
				summary: input.summary,
				body: input.body,
				publishedAt
			};
			const [row] = await tx
				.update(newsPosts)
				.set({ ...values, updatedAt: now })
				.where(eq(newsPosts.id, id))
				.returning({ id: newsPosts.id, slug: newsPosts.slug });
			await recordAudit(tx, {
				actor,
				action: 'news.updated',
				entity: 'news_post',
				entityId: id,
				...changes(existing, values)
			});
			return row;
		})
		.catch(slugConflict);
}
