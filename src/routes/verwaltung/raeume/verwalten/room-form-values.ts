import type { OpeningHours, Room } from '$lib/server/rooms/booking-rules';

/** A room as the form's values (strings, checkboxes 'on' or ''). */
export function roomFormValues(room: Room | null, hours: OpeningHours[]): Record<string, string> {
	const check = (b: boolean) => (b ? 'on' : '');
	const values: Record<string, string> = room
		? {
				name: room.name,
				slug: room.slug,
				description: room.description,
				capacity: String(room.capacity),
				equipment: room.equipment,
				stepFree: check(room.stepFree),
				accessibleToilet: check(room.accessibleToilet),
				hearingLoop: check(room.hearingLoop),
				houseRules: room.houseRules,
				bufferMinutes: String(room.bufferMinutes),
				minNoticeHours: String(room.minNoticeHours),
				maxAdvanceDays: String(room.maxAdvanceDays),
				maxDurationMinutes: String(room.maxDurationMinutes),
				active: check(room.active),
				venueId: String(room.venueId)
			}
		: {
				name: '',
				slug: '',
				description: '',
				capacity: '',
				equipment: '',
				houseRules: '',
				bufferMinutes: '15',
				minNoticeHours: '48',
				maxAdvanceDays: '365',
				maxDurationMinutes: '720',
				active: 'on',
				venueId: ''
			};
	// One pair per weekday: the form has room for one time a day (the first, if there are more).
	for (const h of [...hours].reverse()) {
		values[`opens${h.weekday}`] = h.opens.slice(0, 5);
		values[`closes${h.weekday}`] = h.closes.slice(0, 5);
	}
	return values;
}

/** The venues for the room form's "Ort" select (shown only when there is more than one). */
export const venueOptions = (venues: { id: number; name: string }[]) =>
	venues.map((v) => ({ value: String(v.id), label: v.name }));

/** What a new room starts with: open on weekdays 09:00–18:00. */
export const NEW_ROOM_HOURS: OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({
	weekday,
	opens: '09:00',
	closes: '18:00'
}));
