import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { contactMessages, concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { MESSAGE_TRANSITIONS } from '../contact/contact.states';
import { DomainError, sqlStateOf } from '../errors';
import { transition } from '../states';
import { now } from '../time';
import type { MessageConcernInput } from './intake.schemas';
import { storeConcern } from './store-concern';

const alreadyDone = () =>
	new DomainError('CONFLICT', { message: () => m.concerns_intake_message_already() });

/**
 * Makes a concern of a contact message in one step: the text (as staff trimmed it), the sender's
 * name and address, a category staff chose. The writer asked to be answered, so they may be
 * contacted; passing their data on stays off unless staff tick it. The message is marked
 * answered (its work now goes on in the concern). One message makes one concern: the unique
 * index on concerns.contact_message_id turns a second try, even a concurrent one, into a refusal.
 */
export async function createConcernFromMessage(
	db: Db,
	{
		actor,
		messageId,
		input,
		origin
	}: { actor: Actor; messageId: number; input: MessageConcernInput; origin: string }
): Promise<{ id: number; reference: string }> {
	assertCan(actor, 'concerns.from-contact-message');
	const at = now();
	try {
		return await db.transaction(async (tx) => {
			const [message] = await tx
				.select({
					id: contactMessages.id,
					kind: contactMessages.kind,
					name: contactMessages.name,
					email: contactMessages.email
				})
				.from(contactMessages)
				.where(eq(contactMessages.id, messageId))
				.for('update');
			if (!message) throw new DomainError('NOT_FOUND');
			if (message.kind !== 'contact') {
				throw new DomainError('INVALID', {
					message: () => m.concerns_intake_message_not_contact()
				});
			}
			const [existing] = await tx
				.select({ id: concerns.id })
				.from(concerns)
				.where(eq(concerns.contactMessageId, messageId));
			if (existing) throw alreadyDone();
			const email = message.email.trim().toLowerCase();
			const stored = await storeConcern(tx, {
				actor,
				at,
				origin,
				audit: 'concern.recorded',
				notifyStaff: false,
				concern: {
					category: input.category,
					description: input.description,
					address: input.address,
					visibility: input.visibility,
					name: message.name.slice(0, 100),
					email,
					phone: '',
					consentContact: email !== '',
					consentForwardContact: email !== '' && input.consentForward,
					channel: 'contact_message',
					submitterUserId: null,
					locale: 'de',
					contactMessageId: messageId
				}
			});
			await transition(tx, {
				table: contactMessages,
				idColumn: contactMessages.id,
				stateColumn: contactMessages.status,
				id: messageId,
				transitions: MESSAGE_TRANSITIONS,
				to: 'answered',
				actor,
				audit: {
					action: 'contact-message.answered',
					entity: 'contact_message',
					data: { concernId: stored.id, reference: stored.reference }
				}
			});
			return { id: stored.id, reference: stored.reference };
		});
	} catch (err) {
		if (sqlStateOf(err) === '23505') throw alreadyDone();
		throw err;
	}
}
