import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

export async function deleteNewsPost(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'content.edit');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.delete(newsPosts)
			.where(eq(newsPosts.id, id))
			.returning({ id: newsPosts.id, slug: newsPosts.slug, title: newsPosts.title });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, {
			actor,
			action: 'news.deleted',
			entity: 'news_post',
			entityId: id,
			data: { slug: row.slug, title: row.title }
		});
		return row;
	});
}
