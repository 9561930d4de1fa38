import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	CONCERN_STATUSES,
	concernCategories,
	concernEntries,
	concerns,
	type ConcernStatus
} from '../db/schema';
import { DomainError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

import { parseReference } from './concern-reference';

const invalidFilter = () =>
	new DomainError('INVALID', { message: () => m.concerns_filter_invalid() });

/*
 * What the public sees of concerns. Every query here names its columns: the submitter's name,
 * e-mail and phone are never selected, private concerns are filtered out in SQL, and of the
 * timeline only public entries are read (internal notes and assignments never are).
 */

export const PUBLIC_PAGE_SIZE = 20;

export interface CategoryOption {
	id: number;
	slug: string;
	name: string;
}

/** The categories offered in the form and the filters, in the office's order. */
export async function listConcernCategories(db: Db): Promise<CategoryOption[]> {
	return db
		.select({
			id: concernCategories.id,
			slug: concernCategories.slug,
			name: concernCategories.name
		})
		.from(concernCategories)
		.where(eq(concernCategories.active, true))
		.orderBy(asc(concernCategories.sortOrder), asc(concernCategories.id));
}

export interface PublicConcernFilters {
	/** A category slug, or '' for all. */
	category: string;
	/** A status, or '' for all. */
	status: string;
	page: number;
}

/** Reads the list's filters from the query string; an unknown value is a 400, not an empty list. */
export function publicFiltersOf(url: URL, categories: CategoryOption[]): PublicConcernFilters {
	const category = url.searchParams.get('kategorie') ?? '';
	const status = url.searchParams.get('status') ?? '';
	const rawPage = url.searchParams.get('seite');
	if (category && !categories.some((c) => c.slug === category)) throw invalidFilter();
	if (status && !(CONCERN_STATUSES as readonly string[]).includes(status)) {
		throw invalidFilter();
	}
	if (rawPage !== null && !/^[1-9][0-9]{0,5}$/.test(rawPage)) throw invalidFilter();
	return { category, status, page: rawPage ? Number(rawPage) : 1 };
}

const publicColumns = {
	id: concerns.id,
	reference: concerns.reference,
	description: concerns.description,
	address: concerns.address,
	status: concerns.status,
	createdAt: concerns.createdAt,
	updatedAt: concerns.updatedAt,
	categoryName: concernCategories.name,
	categorySlug: concernCategories.slug
};

/** Public concerns, newest first, one page of them and the total. */
export async function findPublicConcerns(db: Db, filters: PublicConcernFilters) {
	const where: SQL[] = [eq(concerns.visibility, 'public')];
	if (filters.category) where.push(eq(concernCategories.slug, filters.category));
	if (filters.status) where.push(eq(concerns.status, filters.status as ConcernStatus));
	const condition = and(...where);
	const [items, [{ total }]] = await Promise.all([
		db
			.select(publicColumns)
			.from(concerns)
			.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
			.where(condition)
			.orderBy(desc(concerns.createdAt), desc(concerns.id))
			.limit(PUBLIC_PAGE_SIZE)
			.offset((filters.page - 1) * PUBLIC_PAGE_SIZE),
		db
			.select({ total: count() })
			.from(concerns)
			.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
			.where(condition)
	]);
	return { items, total, pageSize: PUBLIC_PAGE_SIZE };
}

export interface TimelineEntry {
	id: number;
	kind: 'status' | 'answer';
	statusTo: ConcernStatus | null;
	body: string;
	/** The responsible body the entry is about or from (forwarding), or ''. */
	bodyName: string;
	createdAt: Date;
}

/** The public entries of some concerns, oldest first. */
export async function publicTimelines(db: Db, ids: number[]) {
	if (ids.length === 0) return new Map<number, TimelineEntry[]>();
	const rows = await db
		.select({
			id: concernEntries.id,
			concernId: concernEntries.concernId,
			kind: concernEntries.kind,
			statusTo: concernEntries.statusTo,
			body: concernEntries.body,
			bodyName: concernEntries.bodyName,
			createdAt: concernEntries.createdAt
		})
		.from(concernEntries)
		.where(
			and(
				inArray(concernEntries.concernId, ids),
				eq(concernEntries.isPublic, true),
				inArray(concernEntries.kind, ['status', 'answer'])
			)
		)
		.orderBy(asc(concernEntries.createdAt), asc(concernEntries.id));
	const byConcern = new Map<number, TimelineEntry[]>();
	for (const { concernId, ...entry } of rows) {
		const list = byConcern.get(concernId) ?? [];
		list.push(entry as TimelineEntry);
		byConcern.set(concernId, list);
	}
	return byConcern;
}

/** One public concern by its reference, with its public timeline; private or unknown → NOT_FOUND. */
export async function getPublicConcern(db: Db, reference: string) {
	const normalised = parseReference(reference);
	if (!normalised) throw new DomainError('NOT_FOUND');
	const [concern] = await db
		.select(publicColumns)
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.where(and(eq(concerns.reference, normalised), eq(concerns.visibility, 'public')));
	if (!concern) throw new DomainError('NOT_FOUND');
	const timeline = (await publicTimelines(db, [concern.id])).get(concern.id) ?? [];
	return { ...concern, timeline };
}
