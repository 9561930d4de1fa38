import { eq, like, or } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { groups } from '../db/schema';
import { DomainError, fieldError, sqlStateOf } from '../errors';
import { slugify } from '../notices/slugify';

/*
 * What the group use cases (create, update, delete, editors) share.
 */

/**
 * A new group's slug, made from its name and numbered when taken. It stays when the group is
 * renamed: links to /gruppen/<slug> and feed subscriptions by organiser keep working.
 */
export async function newGroupSlug(tx: Tx, name: string): Promise<string> {
	const base = slugify(name) || 'gruppe';
	const taken = await tx
		.select({ slug: groups.slug })
		.from(groups)
		.where(or(eq(groups.slug, base), like(groups.slug, `${base}-%`)))
		.limit(1000);
	const used = new Set(taken.map((r) => r.slug));
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) {
		if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
	}
}

/** Two groups of the same name created at the same moment: the second is asked to try again. */
export function groupSlugConflict(err: unknown): never {
	if (sqlStateOf(err) === '23505') {
		throw fieldError('name', () => m.events_groups_error_slug_taken(), 'CONFLICT');
	}
	throw err;
}

/** The group, locked until the end of the transaction, or NOT_FOUND. */
export async function lockGroup(tx: Tx, id: number) {
	const [group] = await tx.select().from(groups).where(eq(groups.id, id)).for('update');
	if (!group) throw new DomainError('NOT_FOUND', { detail: `group ${id}` });
	return group;
}

/** The fields the form edits, as the audit log and the record history compare them. */
export const groupFields = (g: {
	name: string;
	description: string;
	email: string;
	phone: string;
	showContact: boolean;
}) => ({
	name: g.name,
	description: g.description,
	email: g.email,
	phone: g.phone,
	showContact: g.showContact
});
