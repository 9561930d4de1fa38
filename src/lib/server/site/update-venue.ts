import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { venues } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import type { VenueInput } from './site.schemas';
import { now } from '../time';

/** Saves a venue's public data; empty address fields stay empty and show as "wird noch ergänzt". */
export async function updateVenue(
	db: Db,
	{ actorId, id, input }: { actorId: number; id: number; input: VenueInput }
) {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(venues)
			.set({ ...input, updatedAt: now() })
			.where(eq(venues.id, id))
			.returning({ id: venues.id, slug: venues.slug });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, { actorId, action: 'update', entity: 'venue', entityId: id });
		return row;
	});
}
