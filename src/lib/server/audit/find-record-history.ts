import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog, users } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan, type Permission } from '../auth/permissions';
import type { AuditEntity } from './audit-actions';
import { actionLabel, actorLabel } from './audit-labels';
import { isSecretField } from './secret-fields';

/** Who may read a record's history: whoever may edit that kind of record. */
const HISTORY_PERMISSION: Record<AuditEntity, Permission> = {
	user: 'accounts.manage',
	notice: 'content.edit',
	news_post: 'content.edit',
	page: 'content.edit',
	contact_person: 'content.edit',
	venue: 'content.edit',
	site_settings: 'site.settings.edit',
	contact_message: 'contact.answer',
	outbox_mail: 'outbox.read',
	// A link's history is shown beside the record it acts on, to staff who may see that record.
	capability_link: 'backoffice.enter',
	booking_request: 'bookings.read',
	booking: 'bookings.read',
	room: 'rooms.manage',
	event: 'events.manage',
	event_registration: 'events.manage',
	group: 'groups.manage',
	concern: 'concerns.manage',
	concern_body: 'concerns.manage',
	open311_api_key: 'open311.keys.manage',
	concern_category: 'concerns.manage'
};

export interface FieldChange {
	field: string;
	before: unknown;
	after: unknown;
}

export interface HistoryEntry {
	id: number;
	at: Date;
	action: string;
	actionLabel: string;
	actorName: string;
	changes: FieldChange[];
}

export interface RecordHistory {
	entries: HistoryEntry[];
	/** More entries exist than were asked for. */
	truncated: boolean;
}

const MAX_LIMIT = 100;

/** A record's audit entries, newest first, for showing beside the record in the back office. */
export async function findRecordHistory(
	db: Db,
	{
		actor,
		entity,
		entityId,
		limit = 20
	}: { actor: Actor; entity: AuditEntity; entityId: string | number; limit?: number }
): Promise<RecordHistory> {
	assertCan(actor, HISTORY_PERMISSION[entity]);
	const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_LIMIT);
	const rows = await db
		.select({
			id: auditLog.id,
			at: auditLog.createdAt,
			action: auditLog.action,
			actorKind: auditLog.actorKind,
			before: auditLog.before,
			after: auditLog.after,
			displayName: users.displayName,
			email: users.email
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
		.orderBy(desc(auditLog.createdAt), desc(auditLog.id))
		.limit(take + 1);
	return {
		truncated: rows.length > take,
		entries: rows.slice(0, take).map((row) => ({
			id: row.id,
			at: row.at,
			action: row.action,
			actionLabel: actionLabel(row.action),
			actorName: actorLabel({
				kind: row.actorKind,
				displayName: row.displayName,
				email: row.email
			}),
			changes: changesOf(row.before, row.after)
		}))
	};
}

function changesOf(
	before: Record<string, unknown> | null,
	after: Record<string, unknown> | null
): FieldChange[] {
	// Secrets are not recorded; an entry written before that rule still does not show them.
	const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])].filter(
		(field) => !isSecretField(field)
	);
	return fields.map((field) => ({
		field,
		before: before?.[field] ?? null,
		after: after?.[field] ?? null
	}));
}
