import type { Db } from '../db/client';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { now } from '../time';
import type { DeskConcernInput } from './intake.schemas';
import { storeConcern } from './store-concern';

/**
 * A concern a resident brings to the desk or tells on the phone, recorded by staff. The rules are
 * the web form's (storeConcern); the consents are what the resident said aloud and are kept only
 * where there is contact data they could apply to. A status link is always issued: it is
 * printed on the receipt the resident takes home (and mailed too if they gave an address).
 */
export async function recordConcern(
	db: Db,
	{ actor, input, origin }: { actor: Actor; input: DeskConcernInput; origin: string }
): Promise<{ id: number; reference: string; statusToken: string; mailed: boolean }> {
	assertCan(actor, 'concerns.manage');
	const at = now();
	const email = input.email.toLowerCase();
	const hasContact = email !== '' || input.phone !== '';
	return db.transaction(async (tx) => {
		const stored = await storeConcern(tx, {
			actor,
			at,
			origin,
			audit: 'concern.recorded',
			alwaysLink: true,
			notifyStaff: false,
			concern: {
				category: input.category,
				description: input.description,
				address: input.address,
				visibility: input.visibility,
				name: input.name,
				email,
				phone: input.phone,
				consentContact: hasContact && input.consentContact,
				consentForwardContact: hasContact && input.consentForward,
				channel: input.channel,
				// Staff record it on the resident's behalf: the concern is not the colleague's own.
				submitterUserId: null,
				locale: 'de'
			}
		});
		return {
			id: stored.id,
			reference: stored.reference,
			statusToken: stored.statusToken!,
			mailed: email !== ''
		};
	});
}
