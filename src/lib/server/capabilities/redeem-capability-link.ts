import { m } from '$lib/paraglide/messages.js';
import { and, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { capabilityLinks, type CapabilityPurpose } from '../db/schema';
import type { Actor } from '../auth/actor';
import { hashToken } from '../auth/tokens';
import { DomainError } from '../errors';
import { now } from '../time';

/** Why a known link no longer works, said to the person who opened it. */
const GONE_MESSAGES: Record<LinkGoneReason, () => string> = {
	expired: m.capability_link_expired,
	revoked: m.capability_link_revoked,
	used: m.capability_link_used
};

/** Why a link that exists no longer works; messageOf() turns it into a German sentence. */
export type LinkGoneReason = 'expired' | 'revoked' | 'used';

export type CapabilityActor = Extract<Actor, { kind: 'capability' }>;

/** newToken() makes 32 random bytes in base64url: 43 characters. Anything else is not ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const returned = {
	id: capabilityLinks.id,
	purpose: capabilityLinks.purpose,
	recordType: capabilityLinks.recordType,
	recordId: capabilityLinks.recordId
};

function usable(hash: string, purpose: CapabilityPurpose, at: Date): SQL {
	return and(
		eq(capabilityLinks.tokenHash, hash),
		eq(capabilityLinks.purpose, purpose),
		isNull(capabilityLinks.revokedAt),
		gt(capabilityLinks.expiresAt, at),
		or(eq(capabilityLinks.singleUse, false), isNull(capabilityLinks.usedAt))
	)!;
}

function actorOfLink(row: {
	id: number;
	purpose: string;
	recordType: string;
	recordId: number;
}): CapabilityActor {
	return {
		kind: 'capability',
		linkId: row.id,
		purpose: row.purpose,
		recordType: row.recordType,
		recordId: row.recordId
	};
}

/** Tells an unknown link (NOT_FOUND, also for another purpose) from one that stopped working (GONE). */
async function whyNot(db: Db | Tx, hash: string, purpose: CapabilityPurpose, at: Date) {
	const [link] = await db
		.select({
			purpose: capabilityLinks.purpose,
			revokedAt: capabilityLinks.revokedAt,
			usedAt: capabilityLinks.usedAt,
			singleUse: capabilityLinks.singleUse,
			expiresAt: capabilityLinks.expiresAt
		})
		.from(capabilityLinks)
		.where(eq(capabilityLinks.tokenHash, hash));
	// A link for another purpose is reported as unknown: it must not reveal what it is for.
	if (!link || link.purpose !== purpose) return new DomainError('NOT_FOUND');
	const reason: LinkGoneReason = link.revokedAt
		? 'revoked'
		: link.singleUse && link.usedAt
			? 'used'
			: link.expiresAt <= at
				? 'expired'
				: 'used';
	return new DomainError('GONE', { message: GONE_MESSAGES[reason], detail: reason });
}

/**
 * Checks a link without using it up, e.g. for the page a mail link opens (GET). Mail scanners
 * open links on their own, so a single-use link is consumed only by the form that page shows
 * (POST → redeemCapabilityLink).
 */
export async function peekCapabilityLink(
	db: Db | Tx,
	token: string,
	purpose: CapabilityPurpose
): Promise<CapabilityActor> {
	if (!TOKEN_SHAPE.test(token)) throw new DomainError('NOT_FOUND');
	const hash = hashToken(token);
	const at = now();
	const [row] = await db
		.select(returned)
		.from(capabilityLinks)
		.where(usable(hash, purpose, at));
	if (!row) throw await whyNot(db, hash, purpose, at);
	return actorOfLink(row);
}

/**
 * Redeems a link for its purpose and returns the actor it grants. A single-use link is used up
 * by the same UPDATE that checks it, so of two concurrent redeems exactly one wins. Throws
 * NOT_FOUND for an unknown or tampered token or another purpose, GONE (reason in the message)
 * for an expired, revoked or used link.
 */
export async function redeemCapabilityLink(
	db: Db | Tx,
	token: string,
	purpose: CapabilityPurpose
): Promise<CapabilityActor> {
	if (!TOKEN_SHAPE.test(token)) throw new DomainError('NOT_FOUND');
	const hash = hashToken(token);
	const at = now();
	// used_at keeps the first use of a link that may be used again (shown in the back office).
	const [row] = await db
		.update(capabilityLinks)
		.set({ usedAt: sql`coalesce(${capabilityLinks.usedAt}, ${at})` })
		.where(usable(hash, purpose, at))
		.returning(returned);
	if (!row) throw await whyNot(db, hash, purpose, at);
	return actorOfLink(row);
}
