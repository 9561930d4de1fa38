import { asc, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { concernCategories, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError, sqlStateOf } from '../errors';
import { now } from '../time';

/**
 * Moves a category one place up or down. The whole list is locked and numbered afresh in steps
 * of ten, so equal sort numbers (or two colleagues sorting at once) cannot leave it in a muddle.
 */
export async function moveConcernCategory(
	db: Db,
	{ actor, id, direction }: { actor: Actor; id: number; direction: 'up' | 'down' }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'concerns.manage');
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ id: concernCategories.id, sortOrder: concernCategories.sortOrder })
			.from(concernCategories)
			.orderBy(asc(concernCategories.sortOrder), asc(concernCategories.id))
			.for('update');
		const at = rows.findIndex((r) => r.id === id);
		if (at < 0) throw new DomainError('NOT_FOUND');
		const to = direction === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= rows.length) return { changed: false };
		const order = rows.map((r) => r.id);
		[order[at], order[to]] = [order[to], order[at]];
		const stamp = now();
		for (const [i, rowId] of order.entries()) {
			const sortOrder = (i + 1) * 10;
			if (rows.find((r) => r.id === rowId)?.sortOrder === sortOrder) continue;
			await tx
				.update(concernCategories)
				.set({ sortOrder, updatedAt: stamp })
				.where(eq(concernCategories.id, rowId));
		}
		await recordAudit(tx, {
			actor,
			action: 'concern.category-updated',
			entity: 'concern_category',
			entityId: id,
			before: { position: at + 1 },
			after: { position: to + 1 }
		});
		return { changed: true };
	});
}

/**
 * Switches a category off (gone from the public form and filters; concerns filed under it keep
 * its name) or on again.
 */
export async function setConcernCategoryActive(
	db: Db,
	{ actor, id, active }: { actor: Actor; id: number; active: boolean }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'concerns.manage');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ active: concernCategories.active })
			.from(concernCategories)
			.where(eq(concernCategories.id, id))
			.for('update');
		if (!row) throw new DomainError('NOT_FOUND');
		if (row.active === active) return { changed: false };
		await tx
			.update(concernCategories)
			.set({ active, updatedAt: now() })
			.where(eq(concernCategories.id, id));
		await recordAudit(tx, {
			actor,
			action: 'concern.category-updated',
			entity: 'concern_category',
			entityId: id,
			before: { active: row.active },
			after: { active }
		});
		return { changed: true };
	});
}

const inUse = () =>
	new DomainError('CONFLICT', { message: () => m.concerns_intake_cat_error_in_use() });

/**
 * Deletes a category no concern uses (a typo, say). One in use is refused: switch it off instead.
 * The foreign key (restrict) is the rule; the count only gives the early, friendly answer.
 */
export async function deleteConcernCategory(
	db: Db,
	{ actor, id }: { actor: Actor; id: number }
): Promise<void> {
	assertCan(actor, 'concerns.manage');
	try {
		await db.transaction(async (tx) => {
			const [row] = await tx
				.select({ name: concernCategories.name, slug: concernCategories.slug })
				.from(concernCategories)
				.where(eq(concernCategories.id, id))
				.for('update');
			if (!row) throw new DomainError('NOT_FOUND');
			const [used] = await tx
				.select({ id: concerns.id })
				.from(concerns)
				.where(eq(concerns.categoryId, id))
				.limit(1);
			if (used) throw inUse();
			await tx.delete(concernCategories).where(eq(concernCategories.id, id));
			await recordAudit(tx, {
				actor,
				action: 'concern.category-deleted',
				entity: 'concern_category',
				entityId: id,
				before: row
			});
		});
	} catch (err) {
		if (sqlStateOf(err) === '23503') throw inUse();
		throw err;
	}
}
