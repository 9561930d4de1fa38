import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { checkNoticeWindow } from './notice-rules';
import type { NoticeInput } from './notices.schemas';

export async function createNotice(db: Db, { actor, input }: { actor: Actor; input: NoticeInput }) {
	assertCan(actor, 'content.edit');
	checkNoticeWindow(input);
	return db.transaction(async (tx) => {
		const [row] = await tx.insert(notices).values(input).returning({ id: notices.id });
		await recordAudit(tx, { actor, action: 'notice.created', entity: 'notice', entityId: row.id });
		return row;
	});
}
