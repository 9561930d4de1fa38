import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';

export async function deleteNotice(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'content.edit');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.delete(notices)
			.where(eq(notices.id, id))
			.returning({ id: notices.id, title: notices.title });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, {
			actor,
			action: 'notice.deleted',
			entity: 'notice',
			entityId: id,
			data: { title: row.title }
		});
		return row;
	});
}
