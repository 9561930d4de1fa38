import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { FORWARDING_ANSWER_STATUSES, type ForwardingAnswerStatus } from '../db/schema';
import { field } from '../form';
import { describeField } from '../form-meta';
import { statusText } from '$lib/concerns/labels';

export const COVER_NOTE_MAX_LENGTH = 2000;
export const BODY_ANSWER_MAX_LENGTH = 4000;

const idPattern = /^[1-9][0-9]{0,8}$/;

/** Ticked categories (ids); whether they exist is checked by the use case. */
const categoryIds = describeField(
	z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z
			.array(
				z.string().regex(idPattern, {
					error: () => m.error_invalid_choice({ field: m.concerns_forward_field_categories() })
				}),
				{ error: () => m.error_invalid_choice({ field: m.concerns_forward_field_categories() }) }
			)
			.max(200, {
				error: () => m.error_invalid_choice({ field: m.concerns_forward_field_categories() })
			})
			.transform((ids) => [...new Set(ids.map(Number))])
	),
	{
		label: () => m.concerns_forward_field_categories(),
		hint: () => m.concerns_forward_field_categories_hint(),
		required: false,
		multiple: true
	}
);

export const concernBodySchema = z.object({
	name: field.text(() => m.concerns_forward_field_name(), 120),
	email: field.email(() => m.concerns_forward_field_email()),
	contactPerson: field.optionalText(() => m.concerns_forward_field_contact(), 120),
	notes: field.optionalLongText(() => m.concerns_forward_field_notes(), 2000, {
		hint: () => m.concerns_forward_field_notes_hint()
	}),
	categories: categoryIds,
	active: field.checkbox()
});
export type ConcernBodyInput = z.output<typeof concernBodySchema>;

export const forwardSchema = z.object({
	body: describeField(
		z
			.string({ error: () => m.error_invalid_choice({ field: m.concerns_forward_field_body() }) })
			.regex(idPattern, {
				error: () => m.error_invalid_choice({ field: m.concerns_forward_field_body() })
			})
			.transform(Number),
		{ label: () => m.concerns_forward_field_body(), required: true }
	),
	dueOn: field.date(() => m.concerns_forward_field_due(), {
		hint: () => m.concerns_forward_field_due_hint()
	}),
	coverNote: field.optionalLongText(() => m.concerns_forward_field_cover(), COVER_NOTE_MAX_LENGTH, {
		hint: () => m.concerns_forward_field_cover_hint()
	})
});
export type ForwardInput = z.output<typeof forwardSchema>;

export const answerStatusLabel = (s: ForwardingAnswerStatus) => statusText(s);

export const bodyAnswerSchema = z.object({
	answer: field.longText(() => m.concerns_forward_field_answer(), BODY_ANSWER_MAX_LENGTH, {
		hint: () => m.concerns_forward_field_answer_hint()
	}),
	status: field.choice(() => m.concerns_forward_field_status(), FORWARDING_ANSWER_STATUSES, {
		choiceLabel: answerStatusLabel,
		choiceHint: (s) =>
			s === 'in_progress'
				? m.concerns_forward_status_in_progress_hint()
				: s === 'resolved'
					? m.concerns_forward_status_resolved_hint()
					: m.concerns_forward_status_declined_hint()
	})
});
export type BodyAnswerInput = z.output<typeof bodyAnswerSchema>;
