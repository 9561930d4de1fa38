import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { events, groups } from '../db/schema';
import { now } from '../time';

/** More than a neighbourhood has; a sitemap file holds at most 50,000 addresses. */
const MAX_SITEMAP_EVENTS = 5000;
const MAX_SITEMAP_GROUPS = 500;

/**
 * The event pages worth finding (published, not ended: a past date is no news to a search
 * engine) and every group's page, with their last change. Uses the index on last_ends_at.
 */
export async function eventSitemapEntries(db: Db): Promise<{ path: string; lastmod: Date }[]> {
	const [upcoming, allGroups] = await Promise.all([
		db
			.select({ slug: events.slug, updatedAt: events.updatedAt })
			.from(events)
			.where(and(eq(events.moderation, 'published'), gt(events.lastEndsAt, now())))
			.orderBy(asc(events.startsAt), asc(events.id))
			.limit(MAX_SITEMAP_EVENTS),
		db
			.select({ slug: groups.slug, updatedAt: groups.updatedAt })
			.from(groups)
			.orderBy(asc(groups.name), asc(groups.id))
			.limit(MAX_SITEMAP_GROUPS)
	]);
	return [
		...upcoming.map((e) => ({
			path: `/veranstaltungen/${encodeURIComponent(e.slug)}`,
			lastmod: e.updatedAt
		})),
		...allGroups.map((g) => ({
			path: `/gruppen/${encodeURIComponent(g.slug)}`,
			lastmod: g.updatedAt
		}))
	];
}
