import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { contactMessages, siteSettings } from '../db/schema';
import { DomainError, fieldError } from '../errors';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { logger } from '../logger';
import { enqueueMail } from '../mail/outbox';
import { contactConfirmationMail, contactMessageMail } from './contact-mails';
import { OFFICE_RECIPIENT, type ContactMessageInput } from './contact.schemas';
import { resolveRecipients } from './resolve-recipients';

/**
 * Stores a message from the contact form and queues the mail to whoever is responsible (plus a
 * receipt to the sender) in one transaction: either all of it happens or nothing does.
 */
export async function submitContactMessage(
	db: Db,
	{
		actor,
		input,
		origin,
		locale = 'de'
	}: { actor: Actor; input: ContactMessageInput; origin: string; locale?: 'de' | 'en' }
) {
	assertCan(actor, 'contact.submit');
	const contactPersonId = input.recipient === OFFICE_RECIPIENT ? null : Number(input.recipient);
	const result = await db.transaction(async (tx) => {
		const resolved = await resolveRecipients(tx, { contactPersonId }).catch((err: unknown) => {
			// The person was removed after the visitor loaded the form, or the id was made up.
			if (err instanceof DomainError && err.code === 'NOT_FOUND') {
				throw fieldError('recipient', () =>
					m.error_invalid_choice({ field: m.contact_field_recipient() })
				);
			}
			throw err;
		});
		const [site] = await tx.select({ officeName: siteSettings.officeName }).from(siteSettings);
		const officeName = site?.officeName ?? '';
		const [row] = await tx
			.insert(contactMessages)
			.values({
				kind: 'contact',
				name: input.name,
				email: input.email,
				subject: input.subject,
				message: input.message,
				contactPersonId: resolved.responsiblePersonId
			})
			.returning({ id: contactMessages.id });
		const backOfficeUrl = `${origin}/verwaltung/nachrichten/${row.id}`;
		for (const to of resolved.emails) {
			await enqueueMail(
				tx,
				contactMessageMail({ ...input, to, messageId: row.id, resolved, backOfficeUrl, officeName })
			);
		}
		await enqueueMail(
			tx,
			contactConfirmationMail({ to: input.email, messageId: row.id, officeName, locale })
		);
		return { id: row.id, route: resolved.route, recipientCount: resolved.emails.length };
	});
	if (result.route === 'none') {
		logger.warn(
			{ messageId: result.id },
			'contact message stored without recipient: no e-mail address for the person, the office or any admin'
		);
	}
	return result;
}
