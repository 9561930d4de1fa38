import type { Tx } from '../db/client';
import type { Occurrence } from '../calendar/recurrence';

/**
 * The call point where an event in a room of the house holds that room (Räume). Called by every
 * use case that writes an event's dates, in its transaction, after the dates are stored; with
 * `roomId: null` (another place, or a cancelled event) it must release whatever the event held.
 *
 * Not wired yet: the rooms area will provide a use case that replaces the event's bookings
 * (`bookings.kind = 'event'`, `bookings.event_id`) with one per date, so the exclusion constraint
 * refuses a double booking; its conflict becomes a field error on `roomId` here. Until then the
 * event only names the room.
 */
export async function holdRoomForEvent(
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the signature the rooms use case fills
	_tx: Tx,
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	_hold: { eventId: number; title: string; roomId: number | null; dates: Occurrence[] }
): Promise<void> {}
