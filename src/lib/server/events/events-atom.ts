import { and, desc, eq, gt } from 'drizzle-orm';
import { Feed } from 'feed';
import { m } from '$lib/paraglide/messages.js';
import { formatEventWhen } from '$lib/events/format';
import type { Db } from '../db/client';
import { events, groups, rooms } from '../db/schema';
import { renderMarkdown } from '../site/markdown';
import { now } from '../time';

const FEED_SIZE = 30;

/** Plain text for an element the feed library marks as type="html". */
function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/**
 * The Atom feed of new events (/veranstaltungen.atom), built like the news feed: the latest
 * published events that have not ended, newest first, with absolute links, a tag URI per event
 * that survives a new slug, the first date and place in the summary and the sanitised
 * description as content. A cancelled event stays, its title says so.
 */
export async function buildEventsAtom(
	db: Db,
	{ origin, officeName, title }: { origin: string; officeName: string; title: string }
): Promise<{ xml: string; lastModified: Date | null }> {
	const rows = await db
		.select({
			id: events.id,
			slug: events.slug,
			title: events.title,
			description: events.description,
			status: events.status,
			startsAt: events.startsAt,
			endsAt: events.endsAt,
			allDay: events.allDay,
			placeName: events.placeName,
			roomName: rooms.name,
			groupName: groups.name,
			createdAt: events.createdAt,
			updatedAt: events.updatedAt
		})
		.from(events)
		.leftJoin(rooms, eq(rooms.id, events.roomId))
		.leftJoin(groups, eq(groups.id, events.groupId))
		.where(and(eq(events.moderation, 'published'), gt(events.lastEndsAt, now())))
		.orderBy(desc(events.createdAt), desc(events.id))
		.limit(FEED_SIZE);
	const base = origin.replace(/\/+$/, '');
	const host = new URL(base).hostname;
	const updated = rows.reduce<Date | null>(
		(latest, r) => (!latest || r.updatedAt > latest ? r.updatedAt : latest),
		null
	);
	const feed = new Feed({
		id: `${base}/veranstaltungen`,
		link: `${base}/veranstaltungen`,
		title,
		language: 'de',
		updated: updated ?? new Date(0),
		generator: 'Quartier',
		feedLinks: { atom: `${base}/veranstaltungen.atom` },
		author: { name: officeName, link: base },
		copyright: officeName
	});
	for (const row of rows) {
		const cancelled = row.status === 'cancelled' ? `${m.events_status_cancelled()}: ` : '';
		const when = formatEventWhen(row.startsAt, row.endsAt, row.allDay);
		const summary = [when, row.roomName ?? row.placeName, row.groupName ?? officeName]
			.filter(Boolean)
			.join(' · ');
		feed.addItem({
			id: `tag:${host},${row.createdAt.getUTCFullYear()}:veranstaltungen/${row.id}`,
			title: escapeHtml(cancelled + row.title),
			link: `${base}/veranstaltungen/${row.slug}`,
			date: row.updatedAt,
			published: row.createdAt,
			description: escapeHtml(summary),
			content: `<p>${escapeHtml(summary)}</p>${renderMarkdown(row.description)}`,
			author: [{ name: row.groupName ?? officeName }]
		});
	}
	return { xml: feed.atom1(), lastModified: updated };
}
