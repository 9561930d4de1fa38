import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** Who changed what in the back office; written in the same transaction as the change. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
		/** Who acted when there is no user: 'cli', 'anonymous', 'capability', 'system' (or a user's kind). */
		actorKind: text('actor_kind'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		data: jsonb('data').$type<Record<string, unknown>>(),
		/** For updates: the changed fields as they were and as they became. */
		before: jsonb('before').$type<Record<string, unknown>>(),
		after: jsonb('after').$type<Record<string, unknown>>(),
		/** The request that made the change (X-Request-Id, also in the log); null for the CLI. */
		requestId: text('request_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('audit_log_created_idx').on(t.createdAt),
		// A record's history beside the record: its entries newest first.
		index('audit_log_entity_idx').on(t.entity, t.entityId, t.createdAt)
	]
);
