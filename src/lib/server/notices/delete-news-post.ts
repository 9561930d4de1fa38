import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';

export async function deleteNewsPost(db: Db, { actorId, id }: { actorId: number; id: number }) {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.delete(newsPosts)
			.where(eq(newsPosts.id, id))
			.returning({ id: newsPosts.id, slug: newsPosts.slug, title: newsPosts.title });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, {
			actorId,
			action: 'delete',
			entity: 'news_post',
			entityId: id,
			data: { slug: row.slug, title: row.title }
		});
		return row;
	});
}
