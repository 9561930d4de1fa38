import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events, groupEditors, groups } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { findGroupEditors } from './group-editors';

/** The back office's list of groups, by name, with how many events and editors each has. */
export async function findGroupsForAdmin(
	db: Db,
	{ actor, page, pageSize = 25 }: { actor: Actor; page: number; pageSize?: number }
) {
	assertCan(actor, 'groups.manage');
	const [rows, [{ total }]] = await Promise.all([
		db
			.select({
				id: groups.id,
				slug: groups.slug,
				name: groups.name,
				isExample: groups.isExample,
				// Qualified by hand: in a one-table select drizzle writes columns without their table,
				// and a bare "id" inside the subquery would be the subquery's own.
				events: sql<number>`(select count(*) from ${events} e where e.group_id = "groups"."id")::int`,
				editors: sql<number>`(select count(*) from ${groupEditors} ge where ge.group_id = "groups"."id")::int`
			})
			.from(groups)
			.orderBy(asc(sql`lower(${groups.name})`), asc(groups.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(groups)
	]);
	return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A group for its edit page: the form's values, its editors and how many events name it. */
export async function getGroupForAdmin(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'groups.manage');
	const [group] = await db.select().from(groups).where(eq(groups.id, id));
	if (!group) throw new DomainError('NOT_FOUND', { detail: `group ${id}` });
	const [[{ n }], editors] = await Promise.all([
		db.select({ n: count() }).from(events).where(eq(events.groupId, id)),
		findGroupEditors(db, id)
	]);
	return {
		group: { id: group.id, slug: group.slug, name: group.name, isExample: group.isExample },
		values: {
			name: group.name,
			description: group.description,
			email: group.email,
			phone: group.phone,
			showContact: group.showContact ? 'on' : ''
		} as Record<string, string>,
		events: n,
		editors
	};
}
