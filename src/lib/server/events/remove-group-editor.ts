import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { groupEditors, users } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { lockGroup } from './group-records';

/** Takes an account off a group's editors; the account itself stays. */
export async function removeGroupEditor(
	db: Db,
	{ actor, groupId, userId }: { actor: Actor; groupId: number; userId: number }
) {
	assertCan(actor, 'groups.manage');
	return db.transaction(async (tx) => {
		await lockGroup(tx, groupId);
		const [removed] = await tx
			.delete(groupEditors)
			.where(and(eq(groupEditors.groupId, groupId), eq(groupEditors.userId, userId)))
			.returning({ userId: groupEditors.userId });
		if (!removed) throw new DomainError('NOT_FOUND', { detail: `editor ${userId} of ${groupId}` });
		const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
		await recordAudit(tx, {
			actor,
			action: 'group.editor-removed',
			entity: 'group',
			entityId: groupId,
			before: { editor: user?.email ?? String(userId) },
			after: { editor: null },
			data: { userId }
		});
		return { userId };
	});
}
