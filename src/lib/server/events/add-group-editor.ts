import { eq, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { groupEditors, users } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { fieldError } from '../errors';
import { now } from '../time';
import { lockGroup } from './group-records';

/**
 * Makes an existing account an editor of a group, found by its e-mail address (as people give
 * it: any case). No account is created here: the person registers first.
 */
export async function addGroupEditor(
	db: Db,
	{ actor, groupId, email }: { actor: Actor; groupId: number; email: string }
) {
	assertCan(actor, 'groups.manage');
	return db.transaction(async (tx) => {
		await lockGroup(tx, groupId);
		const [user] = await tx
			.select({ id: users.id, email: users.email })
			.from(users)
			.where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
		if (!user) throw fieldError('email', () => m.events_groups_error_no_account({ email }));
		const added = await tx
			.insert(groupEditors)
			.values({ groupId, userId: user.id, createdAt: now() })
			.onConflictDoNothing()
			.returning({ userId: groupEditors.userId });
		if (added.length === 0) {
			throw fieldError(
				'email',
				() => m.events_groups_error_already_editor({ email: user.email }),
				'CONFLICT'
			);
		}
		await recordAudit(tx, {
			actor,
			action: 'group.editor-added',
			entity: 'group',
			entityId: groupId,
			before: { editor: null },
			after: { editor: user.email },
			data: { userId: user.id }
		});
		return { userId: user.id };
	});
}
