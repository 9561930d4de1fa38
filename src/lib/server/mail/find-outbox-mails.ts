import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { listOutbox } from './outbox';

/** One page of the outbox for the back office (admins read mails here when there is no SMTP). */
export async function findOutboxMails(
	db: Db,
	{ actor, page, pageSize }: { actor: Actor; page: number; pageSize?: number }
) {
	assertCan(actor, 'outbox.read');
	return { ...(await listOutbox(db, page, pageSize)), page };
}
