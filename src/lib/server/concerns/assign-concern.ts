import { and, eq, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { concernEntries, concerns, users } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError, fieldError } from '../errors';
import { now } from '../time';

/**
 * Gives a concern to a colleague who may work on concerns (or to nobody). Assigning to the
 * person already assigned changes nothing and records nothing.
 */
export async function assignConcern(
	db: Db,
	{ actor, id, assigneeId }: { actor: Actor; id: number; assigneeId: number | null }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'concerns.manage');
	const at = now();
	return db.transaction(async (tx) => {
		let assigneeName = '';
		if (assigneeId !== null) {
			const [colleague] = await tx
				.select({ name: users.displayName, email: users.email })
				.from(users)
				.where(
					and(
						eq(users.id, assigneeId),
						sql`(${users.roles} && array['concerns', 'admin']::text[])`,
						isNull(users.disabledAt)
					)
				);
			if (!colleague) {
				throw fieldError('assignee', () =>
					m.error_invalid_choice({ field: m.concerns_staff_field_assignee() })
				);
			}
			assigneeName = colleague.name || colleague.email;
		}
		const [before] = await tx
			.select({ assignedTo: concerns.assignedTo })
			.from(concerns)
			.where(eq(concerns.id, id))
			.for('update');
		if (!before) throw new DomainError('NOT_FOUND');
		if (before.assignedTo === assigneeId) return { changed: false };
		await tx
			.update(concerns)
			.set({ assignedTo: assigneeId, updatedAt: at })
			.where(eq(concerns.id, id));
		await tx.insert(concernEntries).values({
			concernId: id,
			kind: 'assigned',
			body: assigneeName,
			isPublic: false,
			authorId: actorUserId(actor),
			createdAt: at
		});
		await recordAudit(tx, {
			actor,
			action: 'concern.assigned',
			entity: 'concern',
			entityId: id,
			before: { assignedTo: before.assignedTo },
			after: { assignedTo: assigneeId }
		});
		return { changed: true };
	});
}
