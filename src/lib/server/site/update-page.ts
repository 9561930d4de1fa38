import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pages } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { isEditablePageSlug } from './page-slugs';
import type { PageInput } from './site.schemas';
import { now } from '../time';

export async function updatePage(
	db: Db,
	{ actor, slug, input }: { actor: Actor; slug: string; input: PageInput }
) {
	assertCan(actor, 'content.edit');
	if (!isEditablePageSlug(slug)) throw new DomainError('NOT_FOUND');
	return db.transaction(async (tx) => {
		const [existing] = await tx.select().from(pages).where(eq(pages.slug, slug)).for('update');
		if (!existing) throw new DomainError('NOT_FOUND');
		const [row] = await tx
			.update(pages)
			.set({ ...input, updatedAt: now(), updatedBy: actorUserId(actor) })
			.where(eq(pages.id, existing.id))
			.returning({ id: pages.id, slug: pages.slug });
		await recordAudit(tx, {
			actor,
			action: 'page.updated',
			entity: 'page',
			entityId: row.id,
			...changes(existing, input)
		});
		return row;
	});
}
