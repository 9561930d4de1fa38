import type { Tx } from '../db/client';
import { capabilityLinks, type CapabilityPurpose, type CAPABILITY_PURPOSES } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { hashToken, newToken } from '../auth/tokens';
import { recordAudit } from '../audit/record-audit';
import { now } from '../time';

/** The record a link acts on; its type follows from the purpose. */
export interface CapabilityRecord<P extends CapabilityPurpose = CapabilityPurpose> {
	type: (typeof CAPABILITY_PURPOSES)[P];
	id: number;
}

/** Exact durations (a day is 24 hours): a link's validity does not follow the wall clock. */
export interface LinkLifetime {
	days?: number;
	hours?: number;
	minutes?: number;
}

const MINUTE = 60_000;

function lifetimeMs({ days = 0, hours = 0, minutes = 0 }: LinkLifetime): number {
	return ((days * 24 + hours) * 60 + minutes) * MINUTE;
}

/** "e…@example.org": enough for staff to recognise the recipient, not enough to leak it. */
export function maskEmail(address: string): string {
	const at = address.lastIndexOf('@');
	if (at < 1) return '…';
	return `${address[0]}…${address.slice(at)}`;
}

/**
 * Issues a private link that lets whoever holds it act on one record for one purpose, without an
 * account. Call it in the transaction that queues the mail carrying the link: the token is
 * returned once, in clear, and only its SHA-256 is stored.
 */
export async function issueCapabilityLink<P extends CapabilityPurpose>(
	tx: Tx,
	options: {
		actor: Actor;
		purpose: P;
		record: CapabilityRecord<P>;
		expiresIn: LinkLifetime;
		singleUse: boolean;
		/** The address the link is mailed to; only a masked hint is kept. */
		sentTo?: string;
	}
): Promise<{ token: string; linkId: number; expiresAt: Date }> {
	const ms = lifetimeMs(options.expiresIn);
	if (!(ms > 0)) throw new Error('A capability link needs a positive lifetime');
	const createdAt = now();
	const expiresAt = new Date(createdAt.getTime() + ms);
	const token = newToken();
	const [row] = await tx
		.insert(capabilityLinks)
		.values({
			purpose: options.purpose,
			recordType: options.record.type,
			recordId: options.record.id,
			tokenHash: hashToken(token),
			singleUse: options.singleUse,
			createdAt,
			expiresAt,
			createdBy: actorUserId(options.actor),
			sentAt: options.sentTo ? createdAt : null,
			sentToHint: options.sentTo ? maskEmail(options.sentTo) : null
		})
		.returning({ id: capabilityLinks.id });
	await recordAudit(tx, {
		actor: options.actor,
		action: 'capability-link.issued',
		entity: 'capability_link',
		entityId: row.id,
		data: {
			purpose: options.purpose,
			recordType: options.record.type,
			recordId: options.record.id,
			expiresAt: expiresAt.toISOString(),
			singleUse: options.singleUse
		}
	});
	return { token, linkId: row.id, expiresAt };
}
