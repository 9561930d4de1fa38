import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { groupEditors, groups, users } from '../db/schema';

/*
 * Group editors: resident accounts that speak for a group. Staff add and remove them
 * (add-group-editor.ts, remove-group-editor.ts); the proposal form asks isGroupEditor.
 */

/** The groups this account edits, by name (for "Mein Konto" and the proposal form). */
export async function findGroupsEditedBy(db: Db | Tx, userId: number) {
	return db
		.select({ id: groups.id, slug: groups.slug, name: groups.name })
		.from(groupEditors)
		.innerJoin(groups, eq(groups.id, groupEditors.groupId))
		.where(eq(groupEditors.userId, userId))
		.orderBy(asc(groups.name), asc(groups.id));
}

/** Whether this account may speak for this group. */
export async function isGroupEditor(db: Db | Tx, groupId: number, userId: number) {
	const [row] = await db
		.select({ userId: groupEditors.userId })
		.from(groupEditors)
		.where(and(eq(groupEditors.groupId, groupId), eq(groupEditors.userId, userId)));
	return row !== undefined;
}

/** A group's editors in the order they were added (the caller checks the permission). */
export async function findGroupEditors(db: Db | Tx, groupId: number) {
	return db
		.select({ userId: users.id, email: users.email, displayName: users.displayName })
		.from(groupEditors)
		.innerJoin(users, eq(users.id, groupEditors.userId))
		.where(eq(groupEditors.groupId, groupId))
		.orderBy(asc(groupEditors.createdAt), asc(users.id));
}
