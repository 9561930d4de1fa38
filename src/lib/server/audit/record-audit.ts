import type { Db, Tx } from '../db/client';
import { auditLog } from '../db/schema';

/** Writes an audit record; pass the transaction of the change it describes. */
export async function recordAudit(
	db: Db | Tx,
	entry: {
		actorId: number | null;
		action: string;
		entity: string;
		entityId?: string | number;
		data?: Record<string, unknown>;
	}
) {
	await db.insert(auditLog).values({
		actorId: entry.actorId,
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId === undefined ? null : String(entry.entityId),
		data: entry.data ?? null
	});
}
