import { asc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { groups } from '../db/schema';
import { findActiveRooms } from '../rooms/public-rooms';

/** The organisers and rooms the list's filter form offers (names and slugs, bounded). */
export async function findEventFilterOptions(db: Db) {
	const [organisers, rooms] = await Promise.all([
		db
			.select({ slug: groups.slug, name: groups.name })
			.from(groups)
			.orderBy(asc(groups.name))
			.limit(200),
		findActiveRooms(db)
	]);
	return { organisers, rooms: rooms.map((r) => ({ slug: r.slug, name: r.name })) };
}
