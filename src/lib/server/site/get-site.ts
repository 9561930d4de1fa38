import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactPersons, pages, siteSettings, venues } from '../db/schema';
import { DomainError } from '../errors';
import { renderMarkdown } from './markdown';

export async function getSiteSettings(db: Db) {
	const [row] = await db.select().from(siteSettings).where(eq(siteSettings.id, 1));
	if (!row) throw new DomainError('NOT_FOUND', { detail: 'site settings missing: run the seed' });
	return row;
}

export async function getVenueBySlug(db: Db, slug: string) {
	const [row] = await db.select().from(venues).where(eq(venues.slug, slug));
	if (!row) throw new DomainError('NOT_FOUND');
	return row;
}

export async function findVenues(db: Db) {
	return db.select().from(venues).orderBy(asc(venues.id)).limit(50);
}

/** Contact persons in display order, each with the name of their substitute where there is one. */
export async function findContactPersons(db: Db) {
	const rows = await db
		.select()
		.from(contactPersons)
		.orderBy(asc(contactPersons.sortOrder), asc(contactPersons.id))
		.limit(100);
	const byId = new Map(rows.map((r) => [r.id, r]));
	return rows.map((r) => {
		const substitute = r.substituteId ? byId.get(r.substituteId) : undefined;
		return {
			...r,
			substitute: substitute
				? { id: substitute.id, name: substitute.name || substitute.roleTitle }
				: null
		};
	});
}

/** An editable page with its Markdown rendered to sanitised HTML. */
export async function getPageBySlug(db: Db, slug: string) {
	const [row] = await db.select().from(pages).where(eq(pages.slug, slug));
	if (!row) throw new DomainError('NOT_FOUND');
	return { ...row, html: renderMarkdown(row.body) };
}
