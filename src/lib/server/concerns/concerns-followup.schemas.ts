import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { describeField } from '../form-meta';

/** What the status link's holder may add when saying a resolved concern is not solved. */
export const NOT_SOLVED_MAX_LENGTH = 2000;

export const notSolvedSchema = z.object({
	text: field.optionalLongText(() => m.concerns_followup_field_text(), NOT_SOLVED_MAX_LENGTH, {
		hint: () => m.concerns_followup_field_text_hint({ max: NOT_SOLVED_MAX_LENGTH })
	})
});

const phoneLabel = () => m.concerns_followup_field_phone();

/**
 * Whom staff look for: an e-mail address (exact, case-insensitive) or a phone number (compared
 * by its digits, so "02272 123-45" finds "0227212345"). At least one of the two.
 */
export const personSearchSchema = z
	.object({
		email: field.optionalEmail(() => m.concerns_followup_field_email()),
		phone: field
			.optionalText(phoneLabel, 40)
			.refine((s) => s === '' || /[0-9]{4,}/.test(s.replace(/[^0-9]/g, '')), {
				error: () => m.concerns_followup_error_phone()
			})
	})
	.superRefine((v, ctx) => {
		if (v.email === '' && v.phone === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['email'],
				message: m.concerns_followup_error_search()
			});
		}
	});
export type PersonSearch = z.output<typeof personSearchSchema>;

/** The erase form: the person, the concerns staff saw listed, and the confirmation box. */
export const personEraseSchema = z
	.object({
		email: field.optionalEmail(() => m.concerns_followup_field_email()),
		phone: field.optionalText(phoneLabel, 40),
		/** The ids listed when staff searched, comma-separated: only those are erased. */
		ids: describeField(
			z
				.string({ error: () => m.concerns_followup_error_ids() })
				.regex(/^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8}){0,999}$/, {
					error: () => m.concerns_followup_error_ids()
				})
				.transform((s) => s.split(',').map(Number)),
			{ label: () => m.concerns_followup_persons_found_title() }
		),
		confirm: field.consent(() => m.concerns_followup_erase_confirm())
	})
	.superRefine((v, ctx) => {
		if (v.email === '' && v.phone === '') {
			ctx.addIssue({
				code: 'custom',
				path: ['email'],
				message: m.concerns_followup_error_search()
			});
		}
	});
