import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { recordAudit } from '../audit/record-audit';
import { issueCapabilityLink } from '../capabilities/issue-capability-link';
import { DomainError } from '../errors';
import { STATUS_LINK_DAYS } from './store-concern';

/**
 * A fresh status link for a receipt printed again (the tokens are stored hashed, so the old one
 * cannot be shown twice). The old link keeps working until it expires: the resident may still
 * have the first receipt.
 */
export async function reissueConcernReceipt(
	db: Db,
	{ actor, id }: { actor: Actor; id: number }
): Promise<{ id: number; statusToken: string }> {
	assertCan(actor, 'concerns.manage');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ id: concerns.id, status: concerns.status })
			.from(concerns)
			.where(eq(concerns.id, id));
		if (!row) throw new DomainError('NOT_FOUND');
		const link = await issueCapabilityLink(tx, {
			actor,
			purpose: 'concern.status',
			record: { type: 'concern', id },
			expiresIn: { days: STATUS_LINK_DAYS },
			singleUse: false
		});
		await recordAudit(tx, {
			actor,
			action: 'concern.receipt-reissued',
			entity: 'concern',
			entityId: id,
			data: { linkId: link.linkId, expiresAt: link.expiresAt.toISOString() }
		});
		return { id, statusToken: link.token };
	});
}
