import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';

export async function deleteNotice(db: Db, { actorId, id }: { actorId: number; id: number }) {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.delete(notices)
			.where(eq(notices.id, id))
			.returning({ id: notices.id, title: notices.title });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, {
			actorId,
			action: 'delete',
			entity: 'notice',
			entityId: id,
			data: { title: row.title }
		});
		return row;
	});
}
