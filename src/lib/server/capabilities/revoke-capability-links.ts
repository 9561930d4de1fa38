import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { capabilityLinks, type CapabilityPurpose } from '../db/schema';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { now } from '../time';
import type { CapabilityRecord } from './issue-capability-link';

/**
 * Revokes the record's live links (of one purpose, or all), e.g. when a booking is cancelled or
 * a new link replaces the old one. Returns how many were revoked; each is audited.
 */
export async function revokeCapabilityLinks(
	tx: Tx,
	options: { actor: Actor; record: CapabilityRecord; purpose?: CapabilityPurpose }
): Promise<number> {
	const rows = await tx
		.update(capabilityLinks)
		.set({ revokedAt: now() })
		.where(
			and(
				eq(capabilityLinks.recordType, options.record.type),
				eq(capabilityLinks.recordId, options.record.id),
				options.purpose ? eq(capabilityLinks.purpose, options.purpose) : undefined,
				isNull(capabilityLinks.revokedAt)
			)
		)
		.returning({ id: capabilityLinks.id, purpose: capabilityLinks.purpose });
	for (const row of rows) {
		await recordAudit(tx, {
			actor: options.actor,
			action: 'capability-link.revoked',
			entity: 'capability_link',
			entityId: row.id,
			data: { purpose: row.purpose, recordType: options.record.type, recordId: options.record.id }
		});
	}
	return rows.length;
}
