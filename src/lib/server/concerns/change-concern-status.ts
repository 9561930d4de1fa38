import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { concernEntries, concerns } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { transition } from '../states';
import { now } from '../time';
import { deliverAnswer } from './concern-answer-mail';
import { CONCERN_TRANSITIONS, isClosedStatus, type ManualStatus } from './concerns.states';
import { statusLabel } from './concerns.schemas';

/**
 * Moves a concern to another state with one conditional UPDATE (states.ts), adds the step to the
 * public timeline and, with a message, answers publicly (mailed to the submitter) in the same
 * transaction. A move the table does not allow is refused with a German message (409).
 */
export async function changeConcernStatus(
	db: Db,
	{
		actor,
		id,
		status,
		message = '',
		origin
	}: { actor: Actor; id: number; status: ManualStatus; message?: string; origin: string }
): Promise<{ changed: boolean; mailed: boolean }> {
	assertCan(actor, 'concerns.manage');
	const at = now();
	try {
		return await db.transaction(async (tx) => {
			const moved = await transition(tx, {
				table: concerns,
				idColumn: concerns.id,
				stateColumn: concerns.status,
				id,
				transitions: CONCERN_TRANSITIONS,
				to: status,
				set: { updatedAt: at, closedAt: isClosedStatus(status) ? at : null },
				actor,
				audit: {
					action: 'concern.status-changed',
					entity: 'concern',
					data: message ? { withAnswer: true } : undefined
				}
			});
			if (!moved.changed) return { changed: false, mailed: false };
			await tx.insert(concernEntries).values({
				concernId: id,
				kind: 'status',
				statusFrom: moved.from,
				statusTo: status,
				isPublic: true,
				authorId: actorUserId(actor),
				createdAt: at
			});
			if (!message) return { changed: true, mailed: false };
			await tx.insert(concernEntries).values({
				concernId: id,
				kind: 'answer',
				body: message,
				isPublic: true,
				authorId: actorUserId(actor),
				createdAt: at
			});
			const mailed = await deliverAnswer(tx, {
				actor,
				concernId: id,
				answer: message,
				statusText: statusLabel(status),
				origin,
				at
			});
			return { changed: true, mailed };
		});
	} catch (err) {
		if (err instanceof DomainError && err.code === 'INVALID_TRANSITION') {
			throw new DomainError('INVALID_TRANSITION', {
				message: () => m.concerns_error_transition({ status: statusLabel(status) }),
				fields: { status: () => m.concerns_error_transition({ status: statusLabel(status) }) }
			});
		}
		throw err;
	}
}
