import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pages } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { isEditablePageSlug } from './page-slugs';
import type { PageInput } from './site.schemas';
import { now } from '../time';

export async function updatePage(
	db: Db,
	{ actorId, slug, input }: { actorId: number; slug: string; input: PageInput }
) {
	if (!isEditablePageSlug(slug)) throw new DomainError('NOT_FOUND');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(pages)
			.set({ ...input, updatedAt: now(), updatedBy: actorId })
			.where(eq(pages.slug, slug))
			.returning({ id: pages.id, slug: pages.slug });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, { actorId, action: 'update', entity: 'page', entityId: row.id });
		return row;
	});
}
