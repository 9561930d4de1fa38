import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { CONCERN_STATUSES, concernCategories, concerns, type ConcernStatus } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now } from '../time';

/** The recent period next to "all time". */
export const STATISTICS_MONTHS = 12;

export interface Count {
	recent: number;
	total: number;
}

/** Medians in seconds; null when nothing was answered (or resolved) in the period. */
export interface Median {
	recent: number | null;
	total: number | null;
}

export interface ConcernStatistics {
	/** The start of the recent period. */
	since: Date;
	all: Count;
	byStatus: ({ status: ConcernStatus } & Count)[];
	byCategory: ({ name: string } & Count)[];
	firstAnswer: Median;
	resolution: Median;
}

/**
 * Counts and medians of the concerns, over the last twelve months and all time, computed in SQL
 * (percentile_cont runs on PGlite and PostgreSQL alike). `scope: 'public'` counts only public
 * concerns and needs no permission (the public page); `'all'` is the staff view.
 * Nothing personal is read: only status, category and the three timestamps.
 */
export async function getConcernStatistics(
	db: Db,
	{ actor, scope }: { actor?: Actor; scope: 'public' | 'all' }
): Promise<ConcernStatistics> {
	if (scope === 'all') {
		if (!actor) throw new Error('the staff statistics need an actor');
		assertCan(actor, 'concerns.manage');
	}
	const since = monthsBefore(now(), STATISTICS_MONTHS);
	const visible: SQL = scope === 'public' ? sql`${concerns.visibility} = 'public'` : sql`true`;
	const recent = sql`${concerns.createdAt} >= ${since.toISOString()}::timestamptz`;
	const counts = {
		recent: sql<number>`(count(*) filter (where ${recent}))::int`,
		total: sql<number>`count(*)::int`
	};
	const answerSeconds = sql`extract(epoch from ${concerns.firstAnsweredAt} - ${concerns.createdAt})`;
	const resolutionSeconds = sql`extract(epoch from ${concerns.closedAt} - ${concerns.createdAt})`;
	const resolved = sql`${concerns.status} = 'resolved' and ${concerns.closedAt} is not null`;
	const median = (value: SQL, where: SQL) =>
		sql<
			number | null
		>`(percentile_cont(0.5) within group (order by ${value}) filter (where ${where}))::float8`;

	const [totals, byStatusRows, byCategoryRows] = await Promise.all([
		db
			.select({
				...counts,
				answerRecent: median(
					answerSeconds,
					sql`${concerns.firstAnsweredAt} is not null and ${recent}`
				),
				answerTotal: median(answerSeconds, sql`${concerns.firstAnsweredAt} is not null`),
				resolutionRecent: median(resolutionSeconds, sql`${resolved} and ${recent}`),
				resolutionTotal: median(resolutionSeconds, resolved)
			})
			.from(concerns)
			.where(visible),
		db
			.select({ status: concerns.status, ...counts })
			.from(concerns)
			.where(visible)
			.groupBy(concerns.status),
		db
			.select({
				name: concernCategories.name,
				// count(id), not count(*): a category without concerns is one row of nulls here.
				recent: sql<number>`(count(${concerns.id}) filter (where ${recent}))::int`,
				total: sql<number>`count(${concerns.id})::int`,
				active: concernCategories.active,
				sortOrder: concernCategories.sortOrder,
				id: concernCategories.id
			})
			.from(concernCategories)
			.leftJoin(concerns, sql`${eq(concerns.categoryId, concernCategories.id)} and ${visible}`)
			.groupBy(concernCategories.id)
			.orderBy(asc(concernCategories.sortOrder), asc(concernCategories.id))
	]);
	const [t] = totals;
	const statusCounts = new Map(byStatusRows.map((r) => [r.status, r]));
	return {
		since,
		all: { recent: t.recent, total: t.total },
		byStatus: CONCERN_STATUSES.map((status) => ({
			status,
			recent: statusCounts.get(status)?.recent ?? 0,
			total: statusCounts.get(status)?.total ?? 0
		})),
		// A switched-off category is listed only while concerns still count for it.
		byCategory: byCategoryRows
			.filter((r) => r.active || r.total > 0)
			.map(({ name, recent, total }) => ({ name, recent, total })),
		firstAnswer: { recent: t.answerRecent, total: t.answerTotal },
		resolution: { recent: t.resolutionRecent, total: t.resolutionTotal }
	};
}

function monthsBefore(at: Date, months: number): Date {
	const d = new Date(at.getTime());
	d.setUTCMonth(d.getUTCMonth() - months);
	return d;
}
