import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { checkNoticeWindow } from './notice-rules';
import type { NoticeInput } from './notices.schemas';
import { now } from '../time';

export async function updateNotice(
	db: Db,
	{ actorId, id, input }: { actorId: number; id: number; input: NoticeInput }
) {
	checkNoticeWindow(input);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(notices)
			.set({ ...input, updatedAt: now() })
			.where(eq(notices.id, id))
			.returning({ id: notices.id });
		if (!row) throw new DomainError('NOT_FOUND');
		await recordAudit(tx, { actorId, action: 'update', entity: 'notice', entityId: id });
		return row;
	});
}
