import { asc, count, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { contactPersons, roomOpeningHours, rooms, venues } from '../db/schema';

export interface SeedRoom {
	slug: string;
	name: string;
	description: string;
	capacity: number;
	equipment: string;
	stepFree: boolean;
	accessibleToilet: boolean;
	hearingLoop: boolean;
	houseRules: string;
	bufferMinutes: number;
	maxDurationMinutes: number;
	/** `[weekday 1–7, 'HH:MM', 'HH:MM']` */
	hours: [number, string, string][];
}

/**
 * Adds the seed's example rooms to the first venue when there are no rooms at all (a new
 * installation, or the first start after an update that brought room booking), and makes the
 * contact person whose responsibilities mention room bookings the venue's booking contact.
 */
export async function seedRooms(tx: Tx, seedRooms: SeedRoom[], bookingContactRole: string) {
	const [{ value: existing }] = await tx.select({ value: count() }).from(rooms);
	if (existing > 0 || seedRooms.length === 0) return;
	const [venue] = await tx.select({ id: venues.id }).from(venues).orderBy(asc(venues.id)).limit(1);
	if (!venue) return;
	const [contact] = await tx
		.select({ id: contactPersons.id })
		.from(contactPersons)
		.where(eq(contactPersons.roleTitle, bookingContactRole))
		.limit(1);
	if (contact) {
		await tx.update(venues).set({ bookingContactId: contact.id }).where(eq(venues.id, venue.id));
	}
	for (const [index, { hours, ...room }] of seedRooms.entries()) {
		const [row] = await tx
			.insert(rooms)
			.values({ ...room, venueId: venue.id, isExample: true, sortOrder: index })
			.returning({ id: rooms.id });
		await tx
			.insert(roomOpeningHours)
			.values(
				hours.map(([weekday, opens, closes]) => ({ roomId: row.id, weekday, opens, closes }))
			);
	}
}
