import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { MAX_PERSONS } from '../db/schema';
import { field } from '../form';
import { describeField } from '../form-meta';

/** The public sign-up form. The e-mail is required: the confirmation and cancel link go there. */
export const registrationSchema = z.object({
	name: field.text(() => m.events_register_field_name(), 120),
	email: field.email(() => m.events_register_field_email(), {
		hint: () => m.events_register_field_email_hint()
	}),
	persons: describeField(
		field.integer(() => m.events_register_field_persons(), 1, MAX_PERSONS),
		{
			label: () => m.events_register_field_persons(),
			required: true,
			kind: 'number'
		}
	),
	note: field.optionalLongText(() => m.events_register_field_note(), 1000, {
		hint: () => m.events_register_field_note_hint()
	})
});
export type RegistrationInput = z.output<typeof registrationSchema>;

/** Bots fill every field; people never see this one. */
export const REGISTRATION_HONEYPOT = 'website';

/** `?termin=<id>` of the sign-up page: a date's id, or nothing for an event with one date. */
export const terminSchema = z.coerce.number().int().min(1).max(2_147_483_647);
