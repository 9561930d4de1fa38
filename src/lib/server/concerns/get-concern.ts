import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client';
import { concernCategories, concernEntries, concerns, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

/** One concern for staff: everything, the submitter's data and the whole timeline included. */
export async function getConcern(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'concerns.manage');
	const assignee = alias(users, 'assignee');
	const account = alias(users, 'account');
	const [concern] = await db
		.select({
			id: concerns.id,
			reference: concerns.reference,
			categoryName: concernCategories.name,
			description: concerns.description,
			address: concerns.address,
			latitude: concerns.latitude,
			longitude: concerns.longitude,
			visibility: concerns.visibility,
			status: concerns.status,
			channel: concerns.channel,
			submitterName: concerns.submitterName,
			submitterEmail: concerns.submitterEmail,
			submitterPhone: concerns.submitterPhone,
			consentContact: concerns.consentContact,
			consentForwardContact: concerns.consentForwardContact,
			personalDataErasedAt: concerns.personalDataErasedAt,
			accountEmail: account.email,
			assignedTo: concerns.assignedTo,
			assigneeName: assignee.displayName,
			createdAt: concerns.createdAt,
			updatedAt: concerns.updatedAt
		})
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.leftJoin(assignee, eq(assignee.id, concerns.assignedTo))
		.leftJoin(account, eq(account.id, concerns.submitterUserId))
		.where(eq(concerns.id, id));
	if (!concern) throw new DomainError('NOT_FOUND');
	const timeline = await db
		.select({
			id: concernEntries.id,
			kind: concernEntries.kind,
			statusFrom: concernEntries.statusFrom,
			statusTo: concernEntries.statusTo,
			body: concernEntries.body,
			bodyName: concernEntries.bodyName,
			isPublic: concernEntries.isPublic,
			authorName: users.displayName,
			createdAt: concernEntries.createdAt
		})
		.from(concernEntries)
		.leftJoin(users, eq(users.id, concernEntries.authorId))
		.where(eq(concernEntries.concernId, id))
		.orderBy(asc(concernEntries.createdAt), asc(concernEntries.id));
	return { ...concern, timeline, colleagues: await findConcernColleagues(db) };
}

/** Active staff who may work on concerns (the concerns role or admin): whom one may assign. */
export async function findConcernColleagues(db: Db | Tx) {
	return db
		.select({ id: users.id, name: users.displayName, email: users.email })
		.from(users)
		.where(
			and(sql`(${users.roles} && array['concerns', 'admin']::text[])`, isNull(users.disabledAt))
		)
		.orderBy(asc(users.displayName), asc(users.id));
}
