import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { capabilityLinks, type CapabilityPurpose } from '../db/schema';
import { now } from '../time';
import type { CapabilityRecord } from './issue-capability-link';

export type CapabilityLinkState = 'active' | 'used' | 'expired' | 'revoked';

export interface CapabilityLinkView {
	id: number;
	purpose: CapabilityPurpose;
	createdAt: Date;
	sentAt: Date | null;
	sentToHint: string | null;
	expiresAt: Date;
	usedAt: Date | null;
	revokedAt: Date | null;
	singleUse: boolean;
	state: CapabilityLinkState;
}

/** The one state to show: revoked beats used beats expired. */
export function linkState(
	link: Pick<CapabilityLinkView, 'revokedAt' | 'usedAt' | 'singleUse' | 'expiresAt'>,
	at: Date
): CapabilityLinkState {
	if (link.revokedAt) return 'revoked';
	if (link.singleUse && link.usedAt) return 'used';
	if (link.expiresAt <= at) return 'expired';
	return 'active';
}

/**
 * The links issued for a record, newest first, for the back office ("Link gesendet am …, gültig
 * bis …"). Never the link itself: only its hash is stored, and that is not selected here.
 */
export async function findCapabilityLinks(
	db: Db,
	{ record }: { record: CapabilityRecord }
): Promise<CapabilityLinkView[]> {
	const rows = await db
		.select({
			id: capabilityLinks.id,
			purpose: capabilityLinks.purpose,
			createdAt: capabilityLinks.createdAt,
			sentAt: capabilityLinks.sentAt,
			sentToHint: capabilityLinks.sentToHint,
			expiresAt: capabilityLinks.expiresAt,
			usedAt: capabilityLinks.usedAt,
			revokedAt: capabilityLinks.revokedAt,
			singleUse: capabilityLinks.singleUse
		})
		.from(capabilityLinks)
		.where(
			and(eq(capabilityLinks.recordType, record.type), eq(capabilityLinks.recordId, record.id))
		)
		.orderBy(desc(capabilityLinks.createdAt), desc(capabilityLinks.id))
		// A record gets a handful of links; the limit only guards against a runaway loop.
		.limit(100);
	const at = now();
	return rows.map((r) => ({ ...r, state: linkState(r, at) }));
}
