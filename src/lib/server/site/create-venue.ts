import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { venues } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { sqlStateOf } from '../errors';
import { slugify } from '../notices/slugify';
import { now } from '../time';
import type { VenueInput } from './site.schemas';
import { checkBookingContact, venueNameTaken } from './venue-records';

/**
 * A further place (Ort) whose rooms can be booked. Its slug is made from the name once and kept
 * when the name changes later; the first venue stays the house of the public page.
 */
export async function createVenue(db: Db, { actor, input }: { actor: Actor; input: VenueInput }) {
	assertCan(actor, 'content.edit');
	const slug = slugify(input.name) || 'ort';
	try {
		return await db.transaction(async (tx) => {
			const [taken] = await tx
				.select({ id: venues.id })
				.from(venues)
				.where(eq(venues.slug, slug))
				.limit(1);
			if (taken) throw venueNameTaken();
			await checkBookingContact(tx, input.bookingContactId);
			const [row] = await tx
				.insert(venues)
				.values({ ...input, slug, updatedAt: now() })
				.returning({ id: venues.id, slug: venues.slug });
			await recordAudit(tx, {
				actor,
				action: 'venue.created',
				entity: 'venue',
				entityId: row.id,
				data: { name: input.name, slug }
			});
			return row;
		});
	} catch (err) {
		// Two venues of the same name saved at once: the unique slug index decides.
		if (sqlStateOf(err) === '23505') throw venueNameTaken();
		throw err;
	}
}
