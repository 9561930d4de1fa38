import type { Db } from '../db/client';
import { eventSitemapEntries } from '../events/events-sitemap';
import { findPublishedNews } from '../notices/find-published-news';

/** The public pages every installation has, in the order of the site's map. */
const PUBLIC_PATHS = [
	'/',
	'/quartiersmanagement',
	'/haus-der-begegnung',
	'/raeume',
	'/aktuelles',
	'/veranstaltungen',
	'/anliegen',
	'/anliegen/neu',
	'/anliegen/statistik',
	'/kontakt',
	'/leichte-sprache',
	'/gebaerdensprache',
	'/barrierefreiheit',
	'/impressum',
	'/datenschutz'
];

const escapeXml = (s: string) =>
	s.replace(
		/[<>&'"]/g,
		(c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`
	);

/**
 * sitemap.xml (sitemaps.org 0.9): the public pages, the latest published news, the coming
 * events and the groups' pages.
 */
export async function buildSitemap(db: Db, origin: string): Promise<string> {
	const [news, calendar] = await Promise.all([
		findPublishedNews(db, { page: 1, pageSize: 200 }),
		eventSitemapEntries(db)
	]);
	const entries = [
		...PUBLIC_PATHS.map((p) => ({ loc: origin + p, lastmod: null as Date | null })),
		...news.rows.map((post) => ({
			loc: `${origin}/aktuelles/${encodeURIComponent(post.slug)}`,
			lastmod: post.updatedAt ?? post.publishedAt
		})),
		...calendar.map((e) => ({ loc: origin + e.path, lastmod: e.lastmod as Date | null }))
	];
	const urls = entries.map(
		(e) =>
			`<url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`
	);
	return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
