import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Tx } from '../db/client';
import { contactPersons } from '../db/schema';
import { fieldError } from '../errors';

/** The booking contact must be an existing person; locked so a concurrent delete waits. */
export async function checkBookingContact(tx: Tx, bookingContactId: number | null) {
	if (bookingContactId === null) return;
	const [found] = await tx
		.select({ id: contactPersons.id })
		.from(contactPersons)
		.where(eq(contactPersons.id, bookingContactId))
		.for('update');
	if (!found) {
		throw fieldError('bookingContactId', () =>
			m.error_invalid_choice({ field: m.venues_booking_contact() })
		);
	}
}

/** The venue's slug comes from its name, so a second venue of the same name is refused there. */
export const venueNameTaken = () =>
	fieldError('name', () => m.venues_error_name_taken(), 'CONFLICT');
