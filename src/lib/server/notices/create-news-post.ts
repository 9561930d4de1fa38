import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { resolveNewsSlug, slugConflict } from './news-slug';
import type { NewsPostInput } from './notices.schemas';
import { now as clockNow } from '../time';

export async function createNewsPost(
	db: Db,
	{ actor, input, now = clockNow() }: { actor: Actor; input: NewsPostInput; now?: Date }
) {
	assertCan(actor, 'content.edit');
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
					authorId: actorUserId(actor)
				})
				.returning({ id: newsPosts.id, slug: newsPosts.slug });
			await recordAudit(tx, {
				actor,
				action: 'news.created',
				entity: 'news_post',
				entityId: row.id,
				data: { published: input.published }
			});
			return row;
		})
		.catch(slugConflict);
}
