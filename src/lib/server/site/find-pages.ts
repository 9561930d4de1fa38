import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pages } from '../db/schema';
import { EDITABLE_PAGE_SLUGS, type EditablePageSlug } from './page-slugs';

/** The editable pages, in the fixed order of EDITABLE_PAGE_SLUGS. */
export async function findEditablePages(db: Db) {
	const rows = await db
		.select({ id: pages.id, slug: pages.slug, title: pages.title, updatedAt: pages.updatedAt })
		.from(pages)
		.where(inArray(pages.slug, [...EDITABLE_PAGE_SLUGS]));
	const order = (slug: string) => EDITABLE_PAGE_SLUGS.indexOf(slug as EditablePageSlug);
	return rows
		.map((row) => ({ ...row, slug: row.slug as EditablePageSlug }))
		.sort((a, b) => order(a.slug) - order(b.slug));
}
