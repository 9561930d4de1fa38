import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './db/client';
import type { Actor } from './auth/actor';
import type { AuditAction, AuditEntity } from './audit/audit-actions';
import { recordAudit } from './audit/record-audit';
import { DomainError } from './errors';

/**
 * An area's states and the moves between them, written once in `<area>.states.ts`:
 * `{ new: ['answered'], answered: [] }` reads "from new one may go to answered". The state list
 * itself lives beside the table (the schema builds its CHECK constraint from it).
 */
export type Transitions<S extends string> = { readonly [From in S]: readonly S[] };

/** The states from which `to` may be reached (never `to` itself: staying put is not a move). */
export function allowedFrom<S extends string>(transitions: Transitions<S>, to: S): S[] {
	return (Object.keys(transitions) as S[]).filter(
		(from) => from !== to && transitions[from].includes(to)
	);
}

export function canTransition<S extends string>(transitions: Transitions<S>, from: S, to: S) {
	return from !== to && transitions[from].includes(to);
}

export interface TransitionOptions<S extends string> {
	table: PgTable;
	/** The table's primary key and state columns. */
	idColumn: PgColumn;
	stateColumn: PgColumn;
	id: number;
	transitions: Transitions<S>;
	to: S;
	/** Further columns written with the move, by their TypeScript names (e.g. `{ answeredAt }`). */
	set?: Record<string, unknown>;
	actor: Actor;
	audit: { action: AuditAction; entity: AuditEntity; data?: Record<string, unknown> };
}

/**
 * Moves one record to state `to` with ONE conditional UPDATE (… WHERE id = $1 AND state IN
 * (allowed from-states)), so two concurrent moves cannot both happen, and records the audit in
 * the same transaction (pass the use case's transaction). A record already in `to` is left
 * alone: `{ changed: false }`, nothing recorded (a second click, two staff at once). Throws
 * NOT_FOUND for a missing record and INVALID_TRANSITION for a move the table does not allow.
 */
export async function transition<S extends string>(
	tx: Tx,
	options: TransitionOptions<S>
): Promise<{ changed: true; from: S } | { changed: false }> {
	const { table, idColumn, stateColumn, id, to } = options;
	const stateKey = keyOf(table, stateColumn);
	const from = allowedFrom(options.transitions, to);
	if (from.length > 0) {
		// The previous state comes from a locking sub-select, so it is the one this UPDATE replaced
		// even when another transaction moved the record a moment before.
		const previous = tx
			.select({ id: idColumn, state: sql<S>`${stateColumn}`.as('previous_state') })
			.from(table)
			.where(eq(idColumn, id))
			.for('update')
			.as('previous');
		const [moved] = await tx
			.update(table)
			.set({ ...options.set, [stateKey]: to } as never)
			.from(previous)
			.where(and(eq(idColumn, previous.id), inArray(previous.state, from)))
			.returning({ from: previous.state });
		if (moved) {
			await recordAudit(tx, {
				actor: options.actor,
				action: options.audit.action,
				entity: options.audit.entity,
				entityId: id,
				data: options.audit.data,
				before: { [stateKey]: moved.from },
				after: { [stateKey]: to }
			});
			return { changed: true, from: moved.from };
		}
	}
	const [current] = await tx
		.select({ state: sql<S>`${stateColumn}` })
		.from(table)
		.where(eq(idColumn, id));
	if (!current) throw new DomainError('NOT_FOUND');
	if (current.state === to) return { changed: false };
	throw new DomainError('INVALID_TRANSITION');
}

function keyOf(table: PgTable, column: PgColumn): string {
	const entry = Object.entries(getTableColumns(table)).find(([, c]) => c === column);
	if (!entry) throw new Error(`column ${column.name} is not in this table`);
	return entry[0];
}
