import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { groups } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now } from '../time';
import { groupFields, lockGroup } from './group-records';
import type { GroupInput } from './groups.schemas';

/**
 * Saves a group. The slug stays (public links keep working); saving makes an example group a
 * real one, so removing the examples no longer takes it.
 */
export async function updateGroup(
	db: Db,
	{ actor, id, input }: { actor: Actor; id: number; input: GroupInput }
) {
	assertCan(actor, 'groups.manage');
	return db.transaction(async (tx) => {
		const before = await lockGroup(tx, id);
		const [row] = await tx
			.update(groups)
			.set({ ...groupFields(input), isExample: false, updatedAt: now() })
			.where(eq(groups.id, id))
			.returning({ id: groups.id, slug: groups.slug });
		await recordAudit(tx, {
			actor,
			action: 'group.updated',
			entity: 'group',
			entityId: id,
			before: { ...groupFields(before), isExample: before.isExample },
			after: { ...groupFields(input), isExample: false }
		});
		return row;
	});
}
