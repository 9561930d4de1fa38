import { and, desc, isNotNull, lte } from 'drizzle-orm';
import { Feed } from 'feed';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import { renderMarkdown } from '../site/markdown';
import { now as clockNow } from '../time';

const FEED_SIZE = 20;

/** Plain text for an element the feed library marks as type="html". */
function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/**
 * The Atom feed of published news. Links are absolute (from ORIGIN or the request), titles and
 * summaries are plain text escaped for the html-typed elements, bodies are sanitised Markdown.
 */
export async function buildNewsFeed(
	db: Db,
	{
		origin,
		officeName,
		title,
		now = clockNow()
	}: { origin: string; officeName: string; title: string; now?: Date }
): Promise<string> {
	const rows = await db
		.select()
		.from(newsPosts)
		.where(and(isNotNull(newsPosts.publishedAt), lte(newsPosts.publishedAt, now)))
		.orderBy(desc(newsPosts.publishedAt), desc(newsPosts.id))
		.limit(FEED_SIZE);
	const base = origin.replace(/\/+$/, '');
	const host = new URL(base).hostname;
	const updated = rows.reduce<Date | undefined>(
		(latest, r) => (!latest || r.updatedAt > latest ? r.updatedAt : latest),
		undefined
	);
	const feed = new Feed({
		id: `${base}/aktuelles`,
		link: `${base}/aktuelles`,
		title,
		language: 'de',
		updated: updated ?? new Date(0),
		generator: 'Quartier',
		feedLinks: { atom: `${base}/aktuelles/feed.xml` },
		author: { name: officeName, link: base },
		copyright: officeName
	});
	for (const post of rows) {
		const link = `${base}/aktuelles/${post.slug}`;
		feed.addItem({
			// A tag URI stays the same when staff change the slug, so readers do not see a new entry.
			id: `tag:${host},${post.createdAt.getUTCFullYear()}:aktuelles/${post.id}`,
			title: escapeHtml(post.title),
			link,
			date: post.updatedAt,
			published: post.publishedAt!,
			description: post.summary ? escapeHtml(post.summary) : undefined,
			content: renderMarkdown(post.body),
			author: [{ name: officeName }]
		});
	}
	return feed.atom1();
}
