import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rooms, venues } from '../db/schema';
import { DomainError } from '../errors';

/** The places for the back-office list, the main venue (the first) first, with their rooms counted. */
export async function findVenueList(db: Db) {
	return db
		.select({
			id: venues.id,
			name: venues.name,
			street: venues.street,
			postalCode: venues.postalCode,
			city: venues.city,
			roomCount: count(rooms.id)
		})
		.from(venues)
		.leftJoin(rooms, eq(rooms.venueId, venues.id))
		.groupBy(venues.id)
		.orderBy(asc(venues.id))
		.limit(200);
}

export async function getVenueById(db: Db, id: number) {
	const [row] = await db.select().from(venues).where(eq(venues.id, id));
	if (!row) throw new DomainError('NOT_FOUND', { detail: `venue ${id}` });
	return row;
}
