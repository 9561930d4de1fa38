import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import {
	CONCERN_DESCRIPTION_MAX,
	CONCERN_DESCRIPTION_MIN,
	CONCERN_VISIBILITIES,
	type ConcernVisibility
} from '../db/schema';
import { field } from '../form';
import { describeField } from '../form-meta';
import { statusText } from '$lib/concerns/labels';
import { MANUAL_STATUSES, type ManualStatus } from './concerns.states';

/** Bots fill every field; people never see this one. */
export const HONEYPOT_FIELD = 'website';
export const ANSWER_MAX_LENGTH = 4000;
export const NOTE_MAX_LENGTH = 4000;

const categoryLabel = () => m.concerns_field_category();
const phoneLabel = () => m.concerns_field_phone();

/**
 * A category's id. Whether it exists and is offered is checked by the use case, in the
 * transaction that stores the concern.
 */
const category = describeField(
	z
		.string({ error: () => m.error_invalid_choice({ field: categoryLabel() }) })
		.regex(/^[1-9][0-9]{0,8}$/, {
			error: () => m.error_invalid_choice({ field: categoryLabel() })
		})
		.transform(Number),
	{ label: categoryLabel, required: true }
);

const description = field
	.longText(() => m.concerns_field_description(), CONCERN_DESCRIPTION_MAX, {
		hint: () =>
			m.concerns_field_description_hint({
				min: CONCERN_DESCRIPTION_MIN,
				max: CONCERN_DESCRIPTION_MAX
			})
	})
	.refine((s) => s.length >= CONCERN_DESCRIPTION_MIN, {
		error: () =>
			m.error_too_short({ field: m.concerns_field_description(), min: CONCERN_DESCRIPTION_MIN })
	});

/** Digits and what people write between them; the office calls back, nothing is dialled. */
const phone = field
	.optionalText(phoneLabel, 40, { hint: () => m.concerns_field_phone_hint() })
	.refine((s) => s === '' || /^\+?[0-9 ()/-]{5,40}$/.test(s), {
		error: () => m.concerns_error_phone({ field: phoneLabel() })
	});

export const visibilityLabel = (v: ConcernVisibility) =>
	v === 'public' ? m.concerns_visibility_public() : m.concerns_visibility_private();

export const concernSubmissionSchema = z.object({
	category,
	description,
	address: field.optionalText(() => m.concerns_field_address(), 300, {
		hint: () => m.concerns_field_address_hint()
	}),
	visibility: field.choice(() => m.concerns_field_visibility(), CONCERN_VISIBILITIES, {
		choiceLabel: visibilityLabel,
		choiceHint: (v) =>
			v === 'public' ? m.concerns_visibility_public_hint() : m.concerns_visibility_private_hint()
	}),
	name: field.optionalText(() => m.concerns_field_name(), 100),
	email: field.optionalEmail(() => m.concerns_field_email(), {
		hint: () => m.concerns_field_email_hint()
	}),
	phone,
	consentForward: field.checkbox()
});
export type ConcernSubmissionInput = z.output<typeof concernSubmissionSchema>;

export const statusLabel = statusText;

export const changeStatusSchema = z.object({
	status: field.choice(() => m.concerns_staff_field_status(), MANUAL_STATUSES, {
		choiceLabel: (s: ManualStatus) => statusLabel(s)
	}),
	/** Optional public words with the move ("Die Lampe ist repariert."). */
	message: field.optionalLongText(
		() => m.concerns_staff_field_status_message(),
		ANSWER_MAX_LENGTH,
		{
			hint: () => m.concerns_staff_field_status_message_hint()
		}
	)
});

export const answerSchema = z.object({
	answer: field.longText(() => m.concerns_staff_field_answer(), ANSWER_MAX_LENGTH, {
		hint: () => m.concerns_staff_field_answer_hint()
	})
});

export const noteSchema = z.object({
	note: field.longText(() => m.concerns_staff_field_note(), NOTE_MAX_LENGTH, {
		hint: () => m.concerns_staff_field_note_hint()
	})
});

export const visibilitySchema = z.object({
	visibility: field.choice(() => m.concerns_staff_visibility_heading(), CONCERN_VISIBILITIES, {
		choiceLabel: visibilityLabel,
		hint: () => m.concerns_staff_visibility_hint()
	})
});

export const assignSchema = z.object({
	/** A colleague's id, or empty for nobody. Whether they have the role is the use case's check. */
	assignee: describeField(
		z
			.string({ error: () => m.error_invalid_choice({ field: m.concerns_staff_field_assignee() }) })
			.regex(/^([1-9][0-9]{0,8})?$/, {
				error: () => m.error_invalid_choice({ field: m.concerns_staff_field_assignee() })
			})
			.transform((s) => (s === '' ? null : Number(s))),
		{ label: () => m.concerns_staff_field_assignee(), required: false }
	)
});
