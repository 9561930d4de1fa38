import { m } from '$lib/paraglide/messages.js';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernBodies, concernEntries, concernForwardings, concerns } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError, fieldError, sqlStateOf } from '../errors';
import { transition } from '../states';
import { localDayBounds, now, toLocalDate, addLocalDays } from '../time';
import { CONCERN_TRANSITIONS } from './concerns.states';
import type { ForwardInput } from './forward.schemas';
import { sendForwardingMail } from './send-forwarding-mail';

/** The longest a body may be given to answer. */
export const MAX_DUE_DAYS = 365;

/** The last second of the chosen local day: a forwarding is overdue from the next day on. */
export function dueAtOf(dueOn: string): Date | null {
	const bounds = localDayBounds(dueOn);
	return bounds ? new Date(bounds.end.getTime() - 1000) : null;
}

const dueError = () =>
	fieldError('dueOn', () => m.concerns_forward_error_due({ max: MAX_DUE_DAYS }));

/**
 * Forwards a concern to a responsible body: the forwarding row, the move to `forwarded` (unless
 * it is there already, for a second body), the public timeline entry, the mail to the body with
 * a single-use answer link and the audit, in one transaction.
 */
export async function forwardConcern(
	db: Db,
	{
		actor,
		concernId,
		input,
		origin
	}: { actor: Actor; concernId: number; input: ForwardInput; origin: string }
): Promise<{ forwardingId: number }> {
	assertCan(actor, 'concerns.manage');
	const at = now();
	const dueAt = dueAtOf(input.dueOn);
	const today = toLocalDate(at);
	if (
		!dueAt ||
		input.dueOn < today ||
		dueAt.getTime() > addLocalDays(at, MAX_DUE_DAYS).getTime() ||
		dueAt <= at
	) {
		throw dueError();
	}
	try {
		return await db.transaction(async (tx) => {
			const [concern] = await tx
				.select({ status: concerns.status })
				.from(concerns)
				.where(eq(concerns.id, concernId))
				.for('update');
			if (!concern) throw new DomainError('NOT_FOUND');
			const [body] = await tx
				.select({ id: concernBodies.id, name: concernBodies.name })
				.from(concernBodies)
				.where(and(eq(concernBodies.id, input.body), eq(concernBodies.active, true)));
			if (!body) {
				throw fieldError('body', () =>
					m.error_invalid_choice({ field: m.concerns_forward_field_body() })
				);
			}
			let from = concern.status;
			if (concern.status !== 'forwarded') {
				const moved = await transition(tx, {
					table: concerns,
					idColumn: concerns.id,
					stateColumn: concerns.status,
					id: concernId,
					transitions: CONCERN_TRANSITIONS,
					to: 'forwarded',
					set: { updatedAt: at, closedAt: null },
					actor,
					audit: { action: 'concern.status-changed', entity: 'concern' }
				});
				if (moved.changed) from = moved.from;
			}
			const [forwarding] = await tx
				.insert(concernForwardings)
				.values({
					concernId,
					bodyId: body.id,
					coverNote: input.coverNote,
					sentAt: at,
					dueAt,
					forwardedBy: actorUserId(actor)
				})
				.returning({ id: concernForwardings.id });
			await tx.insert(concernEntries).values({
				concernId,
				kind: 'status',
				statusFrom: from,
				statusTo: 'forwarded',
				isPublic: true,
				authorId: actorUserId(actor),
				bodyName: body.name,
				createdAt: at
			});
			await sendForwardingMail(tx, {
				actor,
				forwardingId: forwarding.id,
				origin,
				reminder: 0
			});
			await recordAudit(tx, {
				actor,
				action: 'concern.forwarded',
				entity: 'concern',
				entityId: concernId,
				data: {
					forwardingId: forwarding.id,
					bodyId: body.id,
					body: body.name,
					dueAt: dueAt.toISOString()
				}
			});
			return { forwardingId: forwarding.id };
		});
	} catch (err) {
		if (err instanceof DomainError && err.code === 'INVALID_TRANSITION') {
			throw new DomainError('INVALID_TRANSITION', {
				message: () => m.concerns_forward_error_closed()
			});
		}
		if (sqlStateOf(err) === '23505') {
			throw fieldError('body', () => m.concerns_forward_error_open(), 'CONFLICT');
		}
		throw err;
	}
}
