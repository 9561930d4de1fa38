import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { describeField } from '../form-meta';

/** The "An wen?" value for the office as a whole (no particular contact person). */
export const OFFICE_RECIPIENT = 'buero';
export const MESSAGE_MAX_LENGTH = 5000;
export const FEEDBACK_TYPES = ['barriere', 'inhalt'] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];
/** Staff answer accessibility feedback within two weeks (the legal maximum is six). */
export const FEEDBACK_DUE_DAYS = 14;

const recipientLabel = () => m.contact_field_recipient();

/**
 * The office or a contact person's id. Whether the id exists is checked by the use case, in the
 * transaction that stores the message.
 */
const recipient = describeField(
	z
		.string({ error: () => m.error_invalid_choice({ field: recipientLabel() }) })
		.regex(new RegExp(`^(${OFFICE_RECIPIENT}|[1-9][0-9]{0,8})$`), {
			error: () => m.error_invalid_choice({ field: recipientLabel() })
		}),
	{ label: recipientLabel, hint: () => m.contact_field_recipient_hint(), required: true }
);

export const contactMessageSchema = z.object({
	name: field.text(() => m.contact_field_name(), 100),
	email: field.email(() => m.contact_field_email(), {
		hint: () => m.contact_field_email_hint()
	}),
	recipient,
	subject: field.optionalText(() => m.contact_field_subject(), 150),
	message: field.longText(() => m.contact_field_message(), MESSAGE_MAX_LENGTH, {
		hint: () => m.contact_field_message_hint({ max: MESSAGE_MAX_LENGTH })
	})
});
export type ContactMessageInput = z.output<typeof contactMessageSchema>;

export const accessibilityFeedbackSchema = z.object({
	name: field.text(() => m.contact_field_name(), 100),
	email: field.email(() => m.contact_field_email()),
	feedbackType: field.choice(() => m.contact_a11y_field_type(), FEEDBACK_TYPES),
	pageUrl: field.optionalText(() => m.contact_a11y_field_page(), 500),
	message: field.longText(() => m.contact_field_message(), MESSAGE_MAX_LENGTH)
});
export type AccessibilityFeedbackInput = z.output<typeof accessibilityFeedbackSchema>;

/** Bots fill every field; people never see this one (see the honeypot in the forms). */
export const HONEYPOT_FIELD = 'website';
