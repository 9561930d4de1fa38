import type { Db, Tx } from '../db/client';
import { auditLog } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { currentRequestId } from '../request-context';
import { now } from '../time';
import type { AuditAction, AuditEntity } from './audit-actions';
import { withoutSecrets } from './secret-fields';

export interface AuditEntry {
	actor: Actor;
	action: AuditAction;
	entity: AuditEntity;
	entityId?: string | number;
	/** For updates: the changed fields before and after the change. */
	before?: Record<string, unknown>;
	after?: Record<string, unknown>;
	/** Anything else worth keeping (never passwords, tokens or mail bodies; secret names are dropped). */
	data?: Record<string, unknown>;
}

/**
 * Writes an audit record; pass the transaction of the change it describes. Before/after go into
 * their own columns, trimmed to the fields that really changed, so a record's history shows
 * changes and not copies; the id of the current request (if any) is stored with it. Fields named
 * like secrets (password hashes, tokens: `isSecretField`) are never stored.
 */
export async function recordAudit(db: Db | Tx, entry: AuditEntry) {
	// The kind tells the CLI from a visitor or the system when there is no user to name.
	const { before, after } = changedOnly(withoutSecrets(entry.before), withoutSecrets(entry.after));
	await db.insert(auditLog).values({
		actorId: actorUserId(entry.actor),
		actorKind: entry.actor.kind,
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId === undefined ? null : String(entry.entityId),
		data: withoutSecrets(entry.data) ?? null,
		before: before ?? null,
		after: after ?? null,
		requestId: currentRequestId(),
		// The app's clock, like the change it describes (and fixed in tests with setClock).
		createdAt: now()
	});
}

type Fields = Record<string, unknown> | undefined;

/** Drops the fields that are the same before and after (compared as stored, i.e. as JSON). */
function changedOnly(before: Fields, after: Fields): { before: Fields; after: Fields } {
	if (!before || !after) return { before, after };
	const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
	const changed = [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
	const pick = (fields: Record<string, unknown>) =>
		Object.fromEntries(changed.filter((k) => k in fields).map((k) => [k, fields[k]]));
	return { before: pick(before), after: pick(after) };
}
