import type { Db } from '../db/client';
import { findActiveRooms } from '../rooms/public-rooms';

/** The rooms of the house a proposal may name (public: the rooms pages show them too). */
export async function findEventFormRooms(db: Db) {
	const rooms = await findActiveRooms(db);
	return rooms.map((r) => ({ value: String(r.id), label: r.name }));
}
