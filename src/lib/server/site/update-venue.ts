import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { venues } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import type { VenueInput } from './site.schemas';
import { now } from '../time';
import { checkBookingContact } from './venue-records';

/**
 * Saves a venue's public data and who receives its room requests; empty address fields stay empty
 * and show as "wird noch ergänzt". The slug stays as it is (links to the venue keep working).
 */
export async function updateVenue(
	db: Db,
	{ actor, id, input }: { actor: Actor; id: number; input: VenueInput }
) {
	assertCan(actor, 'content.edit');
	return db.transaction(async (tx) => {
		const [existing] = await tx.select().from(venues).where(eq(venues.id, id)).for('update');
		if (!existing) throw new DomainError('NOT_FOUND');
		await checkBookingContact(tx, input.bookingContactId);
		const [row] = await tx
			.update(venues)
			.set({ ...input, updatedAt: now() })
			.where(eq(venues.id, id))
			.returning({ id: venues.id, slug: venues.slug });
		await recordAudit(tx, {
			actor,
			action: 'venue.updated',
			entity: 'venue',
			entityId: id,
			...changes(existing, input)
		});
		return row;
	});
}
