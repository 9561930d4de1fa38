import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concerns, type ConcernVisibility } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { now } from '../time';

/**
 * Staff take a public notice off the public pages (it names a neighbour, it is abuse) or, with
 * the submitter's word, make a private one public. One conditional UPDATE; the same visibility
 * again changes nothing and records nothing.
 */
export async function changeConcernVisibility(
	db: Db,
	{ actor, id, visibility }: { actor: Actor; id: number; visibility: ConcernVisibility }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'concerns.manage');
	return db.transaction(async (tx) => {
		const [moved] = await tx
			.update(concerns)
			.set({ visibility, updatedAt: now() })
			.where(and(eq(concerns.id, id), ne(concerns.visibility, visibility)))
			.returning({ id: concerns.id });
		if (!moved) {
			const [exists] = await tx
				.select({ id: concerns.id })
				.from(concerns)
				.where(eq(concerns.id, id));
			if (!exists) throw new DomainError('NOT_FOUND');
			return { changed: false };
		}
		await recordAudit(tx, {
			actor,
			action: 'concern.visibility-changed',
			entity: 'concern',
			entityId: id,
			before: { visibility: visibility === 'public' ? 'private' : 'public' },
			after: { visibility }
		});
		return { changed: true };
	});
}
