import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernBodies, concernBodyCategories, concernCategories } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

export interface ConcernBodyRow {
	id: number;
	name: string;
	email: string;
	contactPerson: string;
	notes: string;
	active: boolean;
	categoryIds: number[];
	categoryNames: string[];
}

/** The responsible bodies with the categories each handles, by name (the concerns role). */
export async function findConcernBodies(
	db: Db,
	{ actor, activeOnly = false }: { actor: Actor; activeOnly?: boolean }
): Promise<ConcernBodyRow[]> {
	assertCan(actor, 'concerns.manage');
	const bodies = await db
		.select({
			id: concernBodies.id,
			name: concernBodies.name,
			email: concernBodies.email,
			contactPerson: concernBodies.contactPerson,
			notes: concernBodies.notes,
			active: concernBodies.active
		})
		.from(concernBodies)
		.where(activeOnly ? eq(concernBodies.active, true) : undefined)
		.orderBy(asc(concernBodies.name), asc(concernBodies.id));
	if (bodies.length === 0) return [];
	const links = await db
		.select({
			bodyId: concernBodyCategories.bodyId,
			categoryId: concernCategories.id,
			name: concernCategories.name
		})
		.from(concernBodyCategories)
		.innerJoin(concernCategories, eq(concernCategories.id, concernBodyCategories.categoryId))
		.where(
			inArray(
				concernBodyCategories.bodyId,
				bodies.map((b) => b.id)
			)
		)
		.orderBy(asc(concernCategories.sortOrder), asc(concernCategories.id));
	return bodies.map((b) => {
		const own = links.filter((l) => l.bodyId === b.id);
		return {
			...b,
			categoryIds: own.map((l) => l.categoryId),
			categoryNames: own.map((l) => l.name)
		};
	});
}

/** One body for its edit page. */
export async function getConcernBody(db: Db, { actor, id }: { actor: Actor; id: number }) {
	const body = (await findConcernBodies(db, { actor })).find((b) => b.id === id);
	if (!body) throw new DomainError('NOT_FOUND');
	return body;
}

/** All categories (inactive ones too: a body may still handle one), for the checkboxes. */
export async function listAllConcernCategories(db: Db) {
	return db
		.select({ id: concernCategories.id, name: concernCategories.name })
		.from(concernCategories)
		.orderBy(asc(concernCategories.sortOrder), asc(concernCategories.id));
}
