import { and, asc, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	concernBodies,
	concernBodyCategories,
	concernCategories,
	concernForwardings,
	concerns
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { config } from '../config';
import { addLocalDays, now, toLocalDate } from '../time';

/**
 * The ledger: every forwarding still waiting for its body's answer, the longest overdue first
 * (ascending due date puts every overdue one before the rest).
 */
export async function findOpenForwardings(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'concerns.manage');
	const at = now();
	const rows = await db
		.select({
			id: concernForwardings.id,
			concernId: concerns.id,
			reference: concerns.reference,
			categoryName: concernCategories.name,
			bodyName: concernBodies.name,
			sentAt: concernForwardings.sentAt,
			dueAt: concernForwardings.dueAt,
			reminderCount: concernForwardings.reminderCount,
			lastRemindedAt: concernForwardings.lastRemindedAt
		})
		.from(concernForwardings)
		.innerJoin(concerns, eq(concerns.id, concernForwardings.concernId))
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.innerJoin(concernBodies, eq(concernBodies.id, concernForwardings.bodyId))
		.where(isNull(concernForwardings.answeredAt))
		.orderBy(asc(concernForwardings.dueAt), asc(concernForwardings.id));
	return rows.map((r) => ({ ...r, overdue: r.dueAt < at }));
}

/** Forwardings past their due date without an answer (the back-office start page). */
export async function countOverdueForwardings(db: Db): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(concernForwardings)
		.where(and(isNull(concernForwardings.answeredAt), lt(concernForwardings.dueAt, now())));
	return row.n;
}

/**
 * For the forwarding form on a concern's page: its forwardings so far, the active bodies (those
 * handling the concern's category first, marked as suggested) and the default due date.
 */
export async function getConcernForwarding(
	db: Db,
	{ actor, concernId }: { actor: Actor; concernId: number }
) {
	assertCan(actor, 'concerns.manage');
	const [concern] = await db
		.select({ categoryId: concerns.categoryId })
		.from(concerns)
		.where(eq(concerns.id, concernId));
	const [forwardings, bodies] = await Promise.all([
		db
			.select({
				id: concernForwardings.id,
				bodyName: concernBodies.name,
				sentAt: concernForwardings.sentAt,
				dueAt: concernForwardings.dueAt,
				answeredAt: concernForwardings.answeredAt,
				answerStatus: concernForwardings.answerStatus,
				reminderCount: concernForwardings.reminderCount
			})
			.from(concernForwardings)
			.innerJoin(concernBodies, eq(concernBodies.id, concernForwardings.bodyId))
			.where(eq(concernForwardings.concernId, concernId))
			.orderBy(desc(concernForwardings.sentAt), desc(concernForwardings.id)),
		db
			.select({
				id: concernBodies.id,
				name: concernBodies.name,
				suggested: sql<boolean>`${concernBodyCategories.categoryId} is not null`
			})
			.from(concernBodies)
			.leftJoin(
				concernBodyCategories,
				and(
					eq(concernBodyCategories.bodyId, concernBodies.id),
					eq(concernBodyCategories.categoryId, concern?.categoryId ?? 0)
				)
			)
			.where(eq(concernBodies.active, true))
			.orderBy(desc(sql`${concernBodyCategories.categoryId} is not null`), asc(concernBodies.name))
	]);
	const at = now();
	return {
		forwardings: forwardings.map((f) => ({ ...f, overdue: !f.answeredAt && f.dueAt < at })),
		bodies,
		defaultDueOn: toLocalDate(addLocalDays(at, config().CONCERN_FORWARD_DUE_DAYS))
	};
}
