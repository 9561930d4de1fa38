import type { Db } from '../db/client';
import { contactMessages } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { transition } from '../states';
import { MESSAGE_TRANSITIONS } from './contact.states';

/**
 * Marks a message as answered. Marking it again (a second click, two staff at once) changes
 * nothing and records nothing.
 */
export async function markMessageAnswered(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'contact.answer');
	return db.transaction(async (tx) => {
		const result = await transition(tx, {
			table: contactMessages,
			idColumn: contactMessages.id,
			stateColumn: contactMessages.status,
			id,
			transitions: MESSAGE_TRANSITIONS,
			to: 'answered',
			actor,
			audit: { action: 'contact-message.answered', entity: 'contact_message' }
		});
		return { changed: result.changed };
	});
}
