import { eq, like, or, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { concernCategories } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError, fieldError, sqlStateOf } from '../errors';
import { slugify } from '../notices/slugify';
import { now } from '../time';
import type { CategoryInput } from './intake.schemas';

/** The name is unique regardless of case (an index on lower(name)); two at once meet there. */
function nameTaken(err: unknown): never {
	if (sqlStateOf(err) === '23505') {
		throw fieldError('name', () => m.concerns_intake_cat_error_taken(), 'CONFLICT');
	}
	throw err;
}

/**
 * The slug names the category in public filter links (`/anliegen?kategorie=…`). It is made once,
 * from the first name, and kept when the category is renamed, so old links keep working.
 */
async function freeSlug(tx: Tx, name: string): Promise<string> {
	const base = slugify(name, 60) || 'kategorie';
	const taken = await tx
		.select({ slug: concernCategories.slug })
		.from(concernCategories)
		.where(or(eq(concernCategories.slug, base), like(concernCategories.slug, `${base}-%`)));
	const used = new Set(taken.map((r) => r.slug));
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Adds a category at the end of the list. */
export async function createConcernCategory(
	db: Db,
	{ actor, input }: { actor: Actor; input: CategoryInput }
): Promise<{ id: number }> {
	assertCan(actor, 'concerns.manage');
	const at = now();
	try {
		return await db.transaction(async (tx) => {
			const [{ last }] = await tx
				.select({ last: sql<number>`coalesce(max(${concernCategories.sortOrder}), 0)::int` })
				.from(concernCategories);
			const [row] = await tx
				.insert(concernCategories)
				.values({
					slug: await freeSlug(tx, input.name),
					name: input.name,
					description: input.description,
					sortOrder: last + 10,
					createdAt: at,
					updatedAt: at
				})
				.returning({ id: concernCategories.id, slug: concernCategories.slug });
			await recordAudit(tx, {
				actor,
				action: 'concern.category-created',
				entity: 'concern_category',
				entityId: row.id,
				after: { name: input.name, description: input.description, slug: row.slug }
			});
			return { id: row.id };
		});
	} catch (err) {
		nameTaken(err);
	}
}

/** Renames or re-describes a category; concerns filed under it show the new name. */
export async function updateConcernCategory(
	db: Db,
	{ actor, id, input }: { actor: Actor; id: number; input: CategoryInput }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'concerns.manage');
	try {
		return await db.transaction(async (tx) => {
			const [before] = await tx
				.select({ name: concernCategories.name, description: concernCategories.description })
				.from(concernCategories)
				.where(eq(concernCategories.id, id))
				.for('update');
			if (!before) throw new DomainError('NOT_FOUND');
			if (before.name === input.name && before.description === input.description) {
				return { changed: false };
			}
			await tx
				.update(concernCategories)
				.set({ name: input.name, description: input.description, updatedAt: now() })
				.where(eq(concernCategories.id, id));
			await recordAudit(tx, {
				actor,
				action: 'concern.category-updated',
				entity: 'concern_category',
				entityId: id,
				before,
				after: { name: input.name, description: input.description }
			});
			return { changed: true };
		});
	} catch (err) {
		nameTaken(err);
	}
}
