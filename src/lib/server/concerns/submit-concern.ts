import type { Db, Tx } from '../db/client';
import type { ConcernChannel } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now } from '../time';
import type { ConcernSubmissionInput } from './concerns.schemas';
import { storeConcern } from './store-concern';

export { concernStaffEmails, STATUS_LINK_DAYS, statusUrl } from './store-concern';

/**
 * Where a submission comes from besides the form (Open311): the channel, a position already
 * checked against the district, and what the audit should keep about the client (a key's id).
 */
export interface SubmissionSource {
	channel: ConcernChannel;
	position?: { latitude: number; longitude: number } | null;
	auditData?: Record<string, unknown>;
}

/**
 * Stores a concern without an account: the reference number, the concern, the first timeline
 * entry, the status link, the mails and the audit in one transaction, so a concern is stored
 * completely or not at all (and a failed one gives its number back).
 */
export async function submitConcern(
	db: Db,
	{
		actor,
		input,
		origin,
		locale = 'de',
		via = { channel: 'web' },
		within
	}: {
		actor: Actor;
		input: ConcernSubmissionInput;
		origin: string;
		locale?: 'de' | 'en';
		via?: SubmissionSource;
		/** More to store with the new concern in the same transaction (media: photos). */
		within?: (tx: Tx, concernId: number) => Promise<void>;
	}
): Promise<{ id: number; reference: string; mailed: boolean; statusToken: string | null }> {
	assertCan(actor, 'concern.submit');
	const at = now();
	const email = input.email.toLowerCase();
	const hasContact = email !== '' || input.phone !== '';
	return db.transaction(async (tx) => {
		const stored = await storeConcern(tx, {
			actor,
			at,
			origin,
			audit: 'concern.submitted',
			auditData: via.auditData,
			concern: {
				category: input.category,
				description: input.description,
				address: input.address,
				visibility: input.visibility,
				name: input.name,
				email,
				phone: input.phone,
				consentContact: hasContact,
				consentForwardContact: hasContact && input.consentForward,
				channel: via.channel,
				position: via.position ?? null,
				submitterUserId: actorUserId(actor),
				locale
			}
		});
		await within?.(tx, stored.id);
		return {
			id: stored.id,
			reference: stored.reference,
			mailed: email !== '',
			statusToken: stored.statusToken
		};
	});
}
