import type { Db } from '../db/client';
import { groups } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now } from '../time';
import { groupFields, groupSlugConflict, newGroupSlug } from './group-records';
import type { GroupInput } from './groups.schemas';

/** A new organiser group; its slug is made from the name once and then kept. */
export async function createGroup(db: Db, { actor, input }: { actor: Actor; input: GroupInput }) {
	assertCan(actor, 'groups.manage');
	return db
		.transaction(async (tx) => {
			const slug = await newGroupSlug(tx, input.name);
			const [row] = await tx
				.insert(groups)
				.values({ ...groupFields(input), slug, isExample: false, updatedAt: now() })
				.returning({ id: groups.id, slug: groups.slug });
			await recordAudit(tx, {
				actor,
				action: 'group.created',
				entity: 'group',
				entityId: row.id,
				after: { ...groupFields(input), slug }
			});
			return row;
		})
		.catch(groupSlugConflict);
}
