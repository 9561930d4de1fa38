import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { CONCERN_VISIBILITIES } from '../db/schema';
import { field } from '../form';
import { concernSubmissionSchema, visibilityLabel } from './concerns.schemas';

/*
 * Forms of the staff intake: concerns recorded at the desk or on the phone, concerns made from a
 * contact message, and the category list. The concern fields are the public form's own, so the
 * rules (lengths, phone shape, categories) stay the same on every way in.
 */

export const INTAKE_CHANNELS = ['desk', 'phone'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

const s = concernSubmissionSchema.shape;

export const deskConcernSchema = z.object({
	channel: field.choice(() => m.concerns_intake_field_channel(), INTAKE_CHANNELS, {
		choiceLabel: (c) =>
			c === 'desk' ? m.concerns_intake_channel_desk() : m.concerns_intake_channel_phone()
	}),
	category: s.category,
	description: s.description,
	address: s.address,
	visibility: s.visibility,
	name: s.name,
	email: s.email,
	phone: s.phone,
	/** May the office answer? Asked aloud; only stored with an e-mail or phone number. */
	consentContact: field.checkbox(),
	consentForward: field.checkbox()
});
export type DeskConcernInput = z.output<typeof deskConcernSchema>;

export const messageConcernSchema = z.object({
	category: s.category,
	description: s.description,
	address: s.address,
	visibility: field.choice(() => m.concerns_field_visibility(), CONCERN_VISIBILITIES, {
		choiceLabel: visibilityLabel
	}),
	consentForward: field.checkbox()
});
export type MessageConcernInput = z.output<typeof messageConcernSchema>;

export const CATEGORY_NAME_MAX = 60;
export const CATEGORY_DESCRIPTION_MAX = 300;

/** Category names are short labels: no markup, which would only confuse mails and feeds. */
const categoryName = field
	.text(() => m.concerns_intake_cat_field_name(), CATEGORY_NAME_MAX)
	.refine((v) => !/[<>]/.test(v), {
		error: () => m.concerns_intake_cat_error_markup({ field: m.concerns_intake_cat_field_name() })
	});

export const categorySchema = z.object({
	name: categoryName,
	description: field.optionalText(
		() => m.concerns_intake_cat_field_description(),
		CATEGORY_DESCRIPTION_MAX,
		{ hint: () => m.concerns_intake_cat_field_description_hint() }
	)
});
export type CategoryInput = z.output<typeof categorySchema>;

/** The row a list action is about (a hidden field). */
export const categoryRowSchema = z.object({
	id: z
		.string({ error: () => m.concerns_intake_cat_error_row() })
		.regex(/^[1-9][0-9]{0,8}$/, { error: () => m.concerns_intake_cat_error_row() })
		.transform(Number)
});

export const categoryEditSchema = categoryRowSchema.extend(categorySchema.shape);

export const categoryMoveSchema = categoryRowSchema.extend({
	direction: field.choice(() => m.concerns_intake_cat_move(), ['up', 'down'] as const)
});
