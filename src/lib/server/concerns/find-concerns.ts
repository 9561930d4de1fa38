import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	CONCERN_STATUSES,
	CONCERN_VISIBILITIES,
	concernCategories,
	concerns,
	users,
	type ConcernStatus,
	type ConcernVisibility
} from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

import { OPEN_CONCERN_STATUSES } from './concerns.states';

const invalidFilter = () =>
	new DomainError('INVALID', { message: () => m.concerns_filter_invalid() });

export const INBOX_PAGE_SIZE = 25;

/** `offen` (received or in review) is the inbox's default view. */
export const OPEN_FILTER = 'offen';

export interface StaffFilters {
	status: string;
	category: number | null;
	visibility: ConcernVisibility | '';
	q: string;
	page: number;
}

/** Reads the inbox filters; a value that no form offers is a 400. */
export function staffFiltersOf(url: URL): StaffFilters {
	const p = url.searchParams;
	const status = p.get('status') ?? '';
	const category = p.get('kategorie') ?? '';
	const visibility = p.get('sichtbarkeit') ?? '';
	const q = (p.get('q') ?? '').trim().slice(0, 200);
	const rawPage = p.get('seite');
	if (status && status !== OPEN_FILTER && !(CONCERN_STATUSES as readonly string[]).includes(status))
		throw invalidFilter();
	if (category && !/^[1-9][0-9]{0,8}$/.test(category)) throw invalidFilter();
	if (visibility && !(CONCERN_VISIBILITIES as readonly string[]).includes(visibility))
		throw invalidFilter();
	if (rawPage !== null && !/^[1-9][0-9]{0,5}$/.test(rawPage)) throw invalidFilter();
	return {
		status,
		category: category ? Number(category) : null,
		visibility: visibility as ConcernVisibility | '',
		q,
		page: rawPage ? Number(rawPage) : 1
	};
}

/** `%` and `_` typed into the search are meant literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The staff inbox: every concern (public and private), newest first, filtered and paged. */
export async function findConcerns(
	db: Db,
	{ actor, filters }: { actor: Actor; filters: StaffFilters }
) {
	assertCan(actor, 'concerns.manage');
	const where: SQL[] = [];
	if (filters.status === OPEN_FILTER) where.push(inArray(concerns.status, OPEN_CONCERN_STATUSES));
	else if (filters.status) where.push(eq(concerns.status, filters.status as ConcernStatus));
	if (filters.category) where.push(eq(concerns.categoryId, filters.category));
	if (filters.visibility) where.push(eq(concerns.visibility, filters.visibility));
	if (filters.q) {
		const pattern = likePattern(filters.q);
		where.push(or(ilike(concerns.reference, pattern), ilike(concerns.description, pattern))!);
	}
	const condition = where.length ? and(...where) : undefined;
	const [items, [{ total }]] = await Promise.all([
		db
			.select({
				id: concerns.id,
				reference: concerns.reference,
				description: sql<string>`left(${concerns.description}, 160)`,
				status: concerns.status,
				visibility: concerns.visibility,
				categoryName: concernCategories.name,
				assigneeName: users.displayName,
				createdAt: concerns.createdAt
			})
			.from(concerns)
			.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
			.leftJoin(users, eq(users.id, concerns.assignedTo))
			.where(condition)
			.orderBy(desc(concerns.createdAt), desc(concerns.id))
			.limit(INBOX_PAGE_SIZE)
			.offset((filters.page - 1) * INBOX_PAGE_SIZE),
		db.select({ total: count() }).from(concerns).where(condition)
	]);
	return { items, total, pageSize: INBOX_PAGE_SIZE };
}

/** Concerns waiting for the office (received or in review), for the back-office start page. */
export async function countOpenConcerns(db: Db): Promise<number> {
	const [{ n }] = await db
		.select({ n: count() })
		.from(concerns)
		.where(inArray(concerns.status, OPEN_CONCERN_STATUSES));
	return n;
}
