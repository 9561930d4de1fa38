import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concernEntries, concerns } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { now } from '../time';
import { deliverAnswer } from './concern-answer-mail';

/**
 * A public answer: it appears in the concern's timeline (on the public page of a public concern
 * and behind the status link) and is mailed to the submitter if they gave an e-mail.
 */
export async function answerConcern(
	db: Db,
	{ actor, id, answer, origin }: { actor: Actor; id: number; answer: string; origin: string }
): Promise<{ mailed: boolean }> {
	assertCan(actor, 'concerns.manage');
	const at = now();
	return db.transaction(async (tx) => {
		const [concern] = await tx
			.select({ status: concerns.status })
			.from(concerns)
			.where(eq(concerns.id, id))
			.for('update');
		if (!concern) throw new DomainError('NOT_FOUND');
		const [entry] = await tx
			.insert(concernEntries)
			.values({
				concernId: id,
				kind: 'answer',
				body: answer,
				isPublic: true,
				authorId: actorUserId(actor),
				createdAt: at
			})
			.returning({ id: concernEntries.id });
		const mailed = await deliverAnswer(tx, {
			actor,
			concernId: id,
			answer,
			statusText: null,
			origin,
			at
		});
		await recordAudit(tx, {
			actor,
			action: 'concern.answered',
			entity: 'concern',
			entityId: id,
			data: { entryId: entry.id, mailed }
		});
		return { mailed };
	});
}
