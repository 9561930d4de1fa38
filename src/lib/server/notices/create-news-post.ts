import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { resolveNewsSlug, slugConflict } from './news-slug';
import type { NewsPostInput } from './notices.schemas';
import { now as clockNow } from '../time';

export async function createNewsPost(
	db: Db,
	{ actorId, input, now = clockNow() }: { actorId: number; input: NewsPostInput; now?: Date }
) {
	return db
		.transaction(async (tx) => {
			const slug = await resolveNewsSlug(tx, { requested: input.slug, title: input.title });
			const [row] = await tx
				.insert(newsPosts)
				.values({
					slug,
					title: input.title,
					summary: input.summary,
					body: input.body,
					publishedAt: input.published ? now : null,
					authorId: actorId
				})
				.returning({ id: newsPosts.id, slug: newsPosts.slug });
			await recordAudit(tx, {
				actorId,
				action: 'create',
				entity: 'news_post',
				entityId: row.id,
				data: { published: input.published }
			});
			return row;
		})
		.catch(slugConflict);
}
