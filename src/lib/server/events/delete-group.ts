import { count, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { events, groups } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError, sqlStateOf } from '../errors';
import { groupFields, lockGroup } from './group-records';

const hasEvents = (n: number) =>
	new DomainError('CONFLICT', {
		message: () => m.events_groups_error_has_events({ count: n }),
		fields: { confirm: () => m.events_groups_error_has_events({ count: n }) }
	});

/**
 * Deletes a group that organises no event (past ones included: their pages name it). Its editors
 * go with it. The foreign key (restrict) refuses an event saved for it at the same moment.
 */
export async function deleteGroup(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'groups.manage');
	return db
		.transaction(async (tx) => {
			const group = await lockGroup(tx, id);
			const [{ n }] = await tx.select({ n: count() }).from(events).where(eq(events.groupId, id));
			if (n > 0) throw hasEvents(n);
			await tx.delete(groups).where(eq(groups.id, id));
			await recordAudit(tx, {
				actor,
				action: 'group.deleted',
				entity: 'group',
				entityId: id,
				before: { ...groupFields(group), slug: group.slug }
			});
			return { id, name: group.name };
		})
		.catch((err: unknown) => {
			if (sqlStateOf(err) === '23503') throw hasEvents(1);
			throw err;
		});
}
