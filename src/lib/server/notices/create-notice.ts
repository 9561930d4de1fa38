import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { checkNoticeWindow } from './notice-rules';
import type { NoticeInput } from './notices.schemas';

export async function createNotice(
	db: Db,
	{ actorId, input }: { actorId: number; input: NoticeInput }
) {
	checkNoticeWindow(input);
	return db.transaction(async (tx) => {
		const [row] = await tx.insert(notices).values(input).returning({ id: notices.id });
		await recordAudit(tx, { actorId, action: 'create', entity: 'notice', entityId: row.id });
		return row;
	});
}
