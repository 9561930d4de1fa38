import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { optionalPhone } from '../site/site.schemas';

/** A group's short description: a sentence or two for the lists and its page. */
export const GROUP_DESCRIPTION_MAX = 500;

export const groupSchema = z.object({
	name: field.text(() => m.events_groups_field_name(), 100),
	description: field.optionalLongText(
		() => m.events_groups_field_description(),
		GROUP_DESCRIPTION_MAX,
		{ hint: () => m.events_groups_field_description_hint({ max: GROUP_DESCRIPTION_MAX }) }
	),
	email: field.optionalEmail(() => m.events_groups_field_email()),
	phone: optionalPhone(() => m.events_groups_field_phone()),
	showContact: field.checkbox()
});
export type GroupInput = z.output<typeof groupSchema>;

export const groupEditorSchema = z.object({
	email: field.email(() => m.events_groups_editor_email(), {
		hint: () => m.events_groups_editor_email_hint()
	})
});

export const removeGroupEditorSchema = z.object({
	user: field.integer(() => m.events_groups_editors_heading(), 1, 2_147_483_647)
});
