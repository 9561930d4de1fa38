import type { Db } from '../db/client';
import { contactMessages, siteSettings } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { logger } from '../logger';
import { enqueueMail } from '../mail/outbox';
import {
	accessibilityConfirmationMail,
	accessibilityFeedbackMail,
	feedbackTypeLabel
} from './contact-mails';
import { FEEDBACK_DUE_DAYS, type AccessibilityFeedbackInput } from './contact.schemas';
import { resolveRecipients } from './resolve-recipients';
import { now as clockNow } from '../time';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Stores feedback on the accessibility statement with its answer due date and queues the mail to
 * the office (and a receipt to the sender) in one transaction.
 */
export async function submitAccessibilityFeedback(
	db: Db,
	{
		actor,
		input,
		origin,
		locale = 'de',
		now = clockNow()
	}: {
		actor: Actor;
		input: AccessibilityFeedbackInput;
		origin: string;
		locale?: 'de' | 'en';
		now?: Date;
	}
) {
	assertCan(actor, 'accessibility.submit-feedback');
	const dueAt = new Date(now.getTime() + FEEDBACK_DUE_DAYS * DAY_MS);
	const result = await db.transaction(async (tx) => {
		const resolved = await resolveRecipients(tx, { contactPersonId: null });
		const [settings] = await tx
			.select({
				officeName: siteSettings.officeName,
				enforcementBody: siteSettings.accessibilityEnforcementBody
			})
			.from(siteSettings);
		const site = settings ?? { officeName: '', enforcementBody: '' };
		const [row] = await tx
			.insert(contactMessages)
			.values({
				kind: 'accessibility',
				name: input.name,
				email: input.email,
				// The type of feedback is what staff need to see first, so it is the subject.
				subject: feedbackTypeLabel(input.feedbackType),
				message: input.message,
				pageUrl: input.pageUrl,
				dueAt,
				createdAt: now
			})
			.returning({ id: contactMessages.id });
		const backOfficeUrl = `${origin}/verwaltung/nachrichten/${row.id}`;
		for (const to of resolved.emails) {
			await enqueueMail(
				tx,
				accessibilityFeedbackMail({
					...input,
					to,
					messageId: row.id,
					dueAt,
					enforcementBody: site.enforcementBody,
					route: resolved.route,
					backOfficeUrl,
					officeName: site.officeName
				})
			);
		}
		await enqueueMail(
			tx,
			accessibilityConfirmationMail({
				to: input.email,
				messageId: row.id,
				officeName: site.officeName,
				enforcementBody: site.enforcementBody,
				locale
			})
		);
		return { id: row.id, route: resolved.route, recipientCount: resolved.emails.length, dueAt };
	});
	if (result.route === 'none') {
		logger.warn(
			{ messageId: result.id },
			'accessibility feedback stored without recipient: no office address and no admin account'
		);
	}
	return result;
}
