import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { bookingRequests } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import { DomainError, fieldError } from '../errors';

export const BOOKING_NOTE_MAX_LENGTH = 5000;

/**
 * Saves staff's internal note on a request. It is for the team only: no mail and no page for
 * the requester reads it, and the anonymisation blanks it with the personal data. The audit
 * keeps before and after, as a note may say why staff decided as they did.
 */
export async function updateBookingNote(
	db: Db,
	{ actor, id, note }: { actor: Actor; id: number; note: string }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'bookings.decide');
	const text = note.trim();
	if (text.length > BOOKING_NOTE_MAX_LENGTH) {
		throw fieldError('internalNote', () =>
			m.error_too_long({ field: m.rooms_week_note_label(), max: BOOKING_NOTE_MAX_LENGTH })
		);
	}
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select({ internalNote: bookingRequests.internalNote })
			.from(bookingRequests)
			.where(eq(bookingRequests.id, id))
			.for('update');
		if (!before) throw new DomainError('NOT_FOUND', { detail: `booking request ${id}` });
		if (before.internalNote === text) return { changed: false };
		await tx.update(bookingRequests).set({ internalNote: text }).where(eq(bookingRequests.id, id));
		await recordAudit(tx, {
			actor,
			action: 'booking-request.noted',
			entity: 'booking_request',
			entityId: id,
			...changes(before, { internalNote: text })
		});
		return { changed: true };
	});
}
