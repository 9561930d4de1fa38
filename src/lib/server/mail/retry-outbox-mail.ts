import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboxMails } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { now as clockNow } from '../time';

/** "Jetzt erneut versuchen": a waiting or failed mail is due again now. A sent mail stays sent. */
export async function retryOutboxMail(
	db: Db,
	{ actor, id, now = clockNow() }: { actor: Actor; id: number; now?: Date }
) {
	assertCan(actor, 'outbox.retry');
	return db.transaction(async (tx) => {
		const [updated] = await tx
			.update(outboxMails)
			.set({ status: 'pending', nextAttemptAt: now })
			.where(and(eq(outboxMails.id, id), inArray(outboxMails.status, ['pending', 'failed'])))
			.returning({ id: outboxMails.id, attempts: outboxMails.attempts });
		if (!updated) {
			const [existing] = await tx
				.select({ id: outboxMails.id })
				.from(outboxMails)
				.where(eq(outboxMails.id, id));
			throw new DomainError(existing ? 'INVALID_TRANSITION' : 'NOT_FOUND');
		}
		await recordAudit(tx, {
			actor,
			action: 'outbox.retried',
			entity: 'outbox_mail',
			entityId: id,
			data: { attempts: updated.attempts }
		});
	});
}
