import { count, desc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { noticeStatus } from './notice-rules';
import { now as clockNow } from '../time';

/** All notices for the back office, newest start first, with their status at `now`. */
export async function findNotices(
	db: Db,
	{
		actor,
		page,
		pageSize = 20,
		now = clockNow()
	}: { actor: Actor; page: number; pageSize?: number; now?: Date }
) {
	assertCan(actor, 'content.read');
	const [rows, [{ total }]] = await Promise.all([
		db
			.select()
			.from(notices)
			.orderBy(desc(notices.startsAt), desc(notices.id))
			.limit(pageSize)
			.offset((page - 1) * pageSize),
		db.select({ total: count() }).from(notices)
	]);
	return {
		rows: rows.map((row) => ({ ...row, status: noticeStatus(row, now) })),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / pageSize))
	};
}
