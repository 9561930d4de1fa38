import { and, desc, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { now as clockNow } from '../time';

/** Notices whose time window includes now, most urgent first. */
export async function findActiveNotices(db: Db, now = clockNow()) {
	return db
		.select({
			id: notices.id,
			title: notices.title,
			body: notices.body,
			priority: notices.priority
		})
		.from(notices)
		.where(and(lte(notices.startsAt, now), or(isNull(notices.endsAt), gt(notices.endsAt, now))))
		.orderBy(
			sql`case ${notices.priority} when 'urgent' then 0 when 'important' then 1 else 2 end`,
			desc(notices.startsAt)
		)
		.limit(5);
}
