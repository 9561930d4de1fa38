import { m } from '$lib/paraglide/messages.js';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernBodies, concernBodyCategories, concernCategories } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError, fieldError, sqlStateOf } from '../errors';
import { now } from '../time';
import type { ConcernBodyInput } from './forward.schemas';

const nameTaken = () => fieldError('name', () => m.concerns_forward_error_name_taken(), 'CONFLICT');

/**
 * Creates a responsible body (id null) or updates one, with the categories it handles, in one
 * transaction with the audit record. A name used by another body is a field error (409).
 */
export async function saveConcernBody(
	db: Db,
	{ actor, id, input }: { actor: Actor; id: number | null; input: ConcernBodyInput }
): Promise<{ id: number }> {
	assertCan(actor, 'concerns.manage');
	const at = now();
	const values = {
		name: input.name,
		email: input.email.toLowerCase(),
		contactPerson: input.contactPerson,
		notes: input.notes,
		active: input.active
	};
	try {
		return await db.transaction(async (tx) => {
			if (input.categories.length > 0) {
				const known = await tx
					.select({ id: concernCategories.id })
					.from(concernCategories)
					.where(inArray(concernCategories.id, input.categories));
				if (known.length !== input.categories.length) {
					throw fieldError('categories', () =>
						m.error_invalid_choice({ field: m.concerns_forward_field_categories() })
					);
				}
			}
			let bodyId: number;
			let before: Record<string, unknown> | undefined;
			if (id === null) {
				const [row] = await tx
					.insert(concernBodies)
					.values({ ...values, createdAt: at, updatedAt: at })
					.returning({ id: concernBodies.id });
				bodyId = row.id;
			} else {
				const [old] = await tx
					.select()
					.from(concernBodies)
					.where(eq(concernBodies.id, id))
					.for('update');
				if (!old) throw new DomainError('NOT_FOUND');
				const oldCategories = await tx
					.select({ id: concernBodyCategories.categoryId })
					.from(concernBodyCategories)
					.where(eq(concernBodyCategories.bodyId, id));
				before = {
					name: old.name,
					email: old.email,
					contactPerson: old.contactPerson,
					notes: old.notes,
					active: old.active,
					categories: oldCategories.map((c) => c.id).sort((a, b) => a - b)
				};
				await tx
					.update(concernBodies)
					.set({ ...values, updatedAt: at })
					.where(eq(concernBodies.id, id));
				bodyId = id;
				await tx.delete(concernBodyCategories).where(eq(concernBodyCategories.bodyId, id));
			}
			if (input.categories.length > 0) {
				await tx
					.insert(concernBodyCategories)
					.values(input.categories.map((categoryId) => ({ bodyId, categoryId })));
			}
			const after = { ...values, categories: [...input.categories].sort((a, b) => a - b) };
			await recordAudit(tx, {
				actor,
				action: 'concern.body-saved',
				entity: 'concern_body',
				entityId: bodyId,
				before,
				after
			});
			return { id: bodyId };
		});
	} catch (err) {
		if (sqlStateOf(err) === '23505') throw nameTaken();
		throw err;
	}
}
