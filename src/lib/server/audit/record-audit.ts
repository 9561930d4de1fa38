import type { Db, Tx } from '../db/client';
import { auditLog } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import type { AuditAction, AuditEntity } from './audit-actions';

export interface AuditEntry {
	actor: Actor;
	action: AuditAction;
	entity: AuditEntity;
	entityId?: string | number;
	/** For updates: the changed fields before and after the change. */
	before?: Record<string, unknown>;
	after?: Record<string, unknown>;
	/** Anything else worth keeping (never passwords, tokens or mail bodies). */
	data?: Record<string, unknown>;
}

/**
 * Writes an audit record; pass the transaction of the change it describes.
 * (The timeaudit work adds before/after and the request id as columns; until then they are kept in data.)
 */
export async function recordAudit(db: Db | Tx, entry: AuditEntry) {
	const data =
		entry.before || entry.after || entry.data
			? { ...entry.data, before: entry.before, after: entry.after }
			: null;
	await db.insert(auditLog).values({
		actorId: actorUserId(entry.actor),
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId === undefined ? null : String(entry.entityId),
		data
	});
}
