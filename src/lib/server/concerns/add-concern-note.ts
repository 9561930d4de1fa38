import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernEntries, concerns } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { now } from '../time';

/** An internal note on the timeline: staff only (the database refuses a public note). */
export async function addConcernNote(
	db: Db,
	{ actor, id, note }: { actor: Actor; id: number; note: string }
) {
	assertCan(actor, 'concerns.manage');
	const at = now();
	return db.transaction(async (tx) => {
		const [concern] = await tx
			.update(concerns)
			.set({ updatedAt: at })
			.where(eq(concerns.id, id))
			.returning({ id: concerns.id });
		if (!concern) throw new DomainError('NOT_FOUND');
		const [entry] = await tx
			.insert(concernEntries)
			.values({
				concernId: id,
				kind: 'note',
				body: note,
				isPublic: false,
				authorId: actorUserId(actor),
				createdAt: at
			})
			.returning({ id: concernEntries.id });
		await recordAudit(tx, {
			actor,
			action: 'concern.noted',
			entity: 'concern',
			entityId: id,
			data: { entryId: entry.id }
		});
	});
}
