import { count } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { concernCategories } from '../db/schema';

/** The categories issue 13 names; staff rename, add or switch them off later. */
export const SEED_CONCERN_CATEGORIES = [
	{ slug: 'strassen-wege', name: 'Straßen & Wege' },
	{ slug: 'beleuchtung', name: 'Beleuchtung' },
	{ slug: 'muell-sauberkeit', name: 'Müll & Sauberkeit' },
	{ slug: 'spielplaetze-gruen', name: 'Spielplätze & Grün' },
	{ slug: 'verkehr', name: 'Verkehr' },
	{ slug: 'nachbarschaft', name: 'Nachbarschaft & Zusammenleben' },
	{ slug: 'soziales-beratung', name: 'Soziales & Beratung' },
	{ slug: 'sonstiges', name: 'Sonstiges' }
] as const;

/** Adds the categories once, when there are none (a new installation or the first update with concerns). */
export async function seedConcernCategories(tx: Tx) {
	const [{ n }] = await tx.select({ n: count() }).from(concernCategories);
	if (n > 0) return;
	await tx
		.insert(concernCategories)
		.values(SEED_CONCERN_CATEGORIES.map((c, i) => ({ ...c, sortOrder: (i + 1) * 10 })));
}
