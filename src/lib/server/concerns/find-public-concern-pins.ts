import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernCategories, concerns } from '../db/schema';

/** At most this many pins (the newest); the list below the map has every concern. */
export const PIN_LIMIT = 500;

/**
 * Public concerns with a map pin, for the map on /anliegen (area: media): only public ones (in
 * SQL), only what the list shows anyway (number, category), merged ones left out.
 */
export async function findPublicConcernPins(db: Db) {
	const rows = await db
		.select({
			reference: concerns.reference,
			latitude: concerns.latitude,
			longitude: concerns.longitude,
			label: concernCategories.name
		})
		.from(concerns)
		.innerJoin(concernCategories, eq(concernCategories.id, concerns.categoryId))
		.where(
			and(
				eq(concerns.visibility, 'public'),
				ne(concerns.status, 'merged'),
				isNotNull(concerns.latitude),
				isNotNull(concerns.longitude)
			)
		)
		.orderBy(desc(concerns.createdAt))
		.limit(PIN_LIMIT);
	return rows as { reference: string; latitude: number; longitude: number; label: string }[];
}
