import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { roomClosures } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { closureRecord, closureText } from './add-room-closure';

/** Opens the house or the room again on the days of a closure (the closure is deleted). */
export async function deleteRoomClosure(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'rooms.manage');
	return db.transaction(async (tx) => {
		const [row] = await tx.delete(roomClosures).where(eq(roomClosures.id, id)).returning();
		if (!row) throw new DomainError('NOT_FOUND', { detail: `closure ${id}` });
		await recordAudit(tx, {
			actor,
			...closureRecord(row),
			before: { closure: closureText(row) },
			after: { closure: null }
		});
		return { id: row.id };
	});
}
