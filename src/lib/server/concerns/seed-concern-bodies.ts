import { count, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { concernBodies, concernBodyCategories, concernCategories } from '../db/schema';

/**
 * Example bodies of the Stadt Bedburg for Kaster, with clearly fake addresses (example TLD):
 * staff replace them with the real ones before forwarding anything.
 */
export const SEED_CONCERN_BODIES = [
	{
		name: 'Ordnungsamt der Stadt Bedburg',
		email: 'ordnungsamt@bedburg.example',
		notes: 'Beispiel: vor dem ersten Weiterleiten die echte Adresse eintragen.',
		categories: ['muell-sauberkeit', 'verkehr', 'nachbarschaft']
	},
	{
		name: 'Tiefbauamt der Stadt Bedburg',
		email: 'tiefbauamt@bedburg.example',
		notes: 'Beispiel: vor dem ersten Weiterleiten die echte Adresse eintragen.',
		categories: ['strassen-wege', 'beleuchtung', 'spielplaetze-gruen']
	},
	{
		name: 'Sozialamt der Stadt Bedburg',
		email: 'sozialamt@bedburg.example',
		notes: 'Beispiel: vor dem ersten Weiterleiten die echte Adresse eintragen.',
		categories: ['soziales-beratung']
	}
] as const;

/** Adds the example bodies once, when there are none (a new installation or the first update). */
export async function seedConcernBodies(tx: Tx) {
	const [{ n }] = await tx.select({ n: count() }).from(concernBodies);
	if (n > 0) return;
	const slugs = SEED_CONCERN_BODIES.flatMap((b) => b.categories as readonly string[]);
	const categories = await tx
		.select({ id: concernCategories.id, slug: concernCategories.slug })
		.from(concernCategories)
		.where(inArray(concernCategories.slug, slugs));
	for (const body of SEED_CONCERN_BODIES) {
		const [row] = await tx
			.insert(concernBodies)
			.values({ name: body.name, email: body.email, notes: body.notes })
			.returning({ id: concernBodies.id });
		const ids = categories
			.filter((c) => (body.categories as readonly string[]).includes(c.slug))
			.map((c) => c.id);
		if (ids.length > 0) {
			await tx
				.insert(concernBodyCategories)
				.values(ids.map((categoryId) => ({ bodyId: row.id, categoryId })));
		}
	}
}
