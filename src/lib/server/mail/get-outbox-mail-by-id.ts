import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboxMails } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

/** One queued or sent mail with its full text (admins read mails here when there is no SMTP). */
export async function getOutboxMailById(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'outbox.read');
	const [row] = await db.select().from(outboxMails).where(eq(outboxMails.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	return row;
}
