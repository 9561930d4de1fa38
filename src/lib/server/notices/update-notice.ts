import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { checkNoticeWindow } from './notice-rules';
import type { NoticeInput } from './notices.schemas';
import { now } from '../time';

export async function updateNotice(
	db: Db,
	{ actor, id, input }: { actor: Actor; id: number; input: NoticeInput }
) {
	assertCan(actor, 'content.edit');
	checkNoticeWindow(input);
	return db.transaction(async (tx) => {
		const [existing] = await tx.select().from(notices).where(eq(notices.id, id)).for('update');
		if (!existing) throw new DomainError('NOT_FOUND');
		const [row] = await tx
			.update(notices)
			.set({ ...input, updatedAt: now() })
			.where(eq(notices.id, id))
			.returning({ id: notices.id });
		await recordAudit(tx, {
			actor,
			action: 'notice.updated',
			entity: 'notice',
			entityId: id,
			...changes(existing, input)
		});
		return row;
	});
}
