import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';

type Label = () => string;

/** A textarea with one entry per line, stored as a list; blank lines are dropped. */
export function lineList(label: Label, { maxLines = 30, maxLineLength = 500 } = {}) {
	return field
		.optionalLongText(label, maxLines * (maxLineLength + 1))
		.transform((s) =>
			s
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean)
		)
		.superRefine((lines, ctx) => {
			if (lines.length > maxLines) {
				ctx.addIssue({
					code: 'custom',
					message: m.content_error_too_many_lines({ field: label(), max: maxLines })
				});
			} else if (lines.some((line) => line.length > maxLineLength)) {
				ctx.addIssue({
					code: 'custom',
					message: m.content_error_line_too_long({ field: label(), max: maxLineLength })
				});
			}
		});
}

/** Digits, spaces and the usual separators of German phone numbers. */
export function optionalPhone(label: Label) {
	return field.optionalText(label, 50).refine((s) => s === '' || /^\+?[0-9][0-9 ()/-]*$/.test(s), {
		error: () => m.content_error_invalid_phone({ field: label() })
	});
}

export const siteSettingsSchema = z.object({
	neighbourhoodName: field.text(() => m.content_site_neighbourhood(), 100),
	townName: field.text(() => m.content_site_town(), 100),
	regionName: field.optionalText(() => m.content_site_region(), 200),
	officeName: field.text(() => m.content_site_office(), 200),
	tagline: field.optionalText(() => m.content_site_tagline(), 300),
	intro: field.optionalLongText(() => m.content_site_intro(), 2000),
	aboutText: field.optionalLongText(() => m.content_site_about(), 20000),
	tasks: lineList(() => m.content_site_tasks()),
	goals: lineList(() => m.content_site_goals()),
	invitation: field.optionalLongText(() => m.content_site_invitation(), 2000),
	contactEmail: field.optionalEmail(() => m.content_site_email()),
	contactPhone: optionalPhone(() => m.content_site_phone()),
	accessibilityEnforcementBody: field.optionalLongText(() => m.content_site_enforcement(), 2000),
	accessibilityReviewedOn: field.optionalDate(() => m.content_site_reviewed_on())
});
export type SiteSettingsInput = z.output<typeof siteSettingsSchema>;

/** '' means "none chosen"; anything else must be a positive id. */
const optionalId = (label: Label) =>
	z
		.string({ error: () => m.error_invalid_choice({ field: label() }) })
		.trim()
		.refine((s) => s === '' || /^[1-9][0-9]{0,9}$/.test(s), {
			error: () => m.error_invalid_choice({ field: label() })
		})
		.transform((s) => (s === '' ? null : Number(s)))
		.default(null);

export const venueSchema = z.object({
	name: field.text(() => m.content_venue_name(), 200),
	description: field.optionalLongText(() => m.content_venue_description(), 5000),
	street: field.optionalText(() => m.content_venue_street(), 200),
	postalCode: field
		.optionalText(() => m.content_venue_postal_code(), 10)
		.refine((s) => s === '' || /^[0-9]{5}$/.test(s), {
			error: () => m.content_error_postal_code({ field: m.content_venue_postal_code() })
		}),
	city: field.optionalText(() => m.content_venue_city(), 100),
	openingHours: field.optionalLongText(() => m.content_venue_opening_hours(), 2000),
	accessibility: field.optionalLongText(() => m.content_venue_accessibility(), 5000),
	/** Who receives the venue's room requests; none → the contact form's usual recipients. */
	bookingContactId: optionalId(() => m.venues_booking_contact())
});
export type VenueInput = z.output<typeof venueSchema>;

export const contactPersonSchema = z.object({
	roleTitle: field.text(() => m.content_person_role_title(), 200),
	name: field.optionalText(() => m.content_person_name(), 200),
	responsibilities: field.optionalLongText(() => m.content_person_responsibilities(), 2000),
	email: field.optionalEmail(() => m.content_person_email()),
	phone: optionalPhone(() => m.content_person_phone()),
	officeHours: field.optionalLongText(() => m.content_person_office_hours(), 2000),
	isVacant: field.checkbox(),
	vacancyNote: field.optionalLongText(() => m.content_person_vacancy_note(), 2000),
	substituteId: optionalId(() => m.content_person_substitute()),
	sortOrder: field.integer(() => m.content_person_sort_order(), 0, 10000)
});
export type ContactPersonInput = z.output<typeof contactPersonSchema>;

export const pageSchema = z.object({
	title: field.text(() => m.content_page_title(), 200),
	body: field.longText(() => m.content_page_body(), 20000)
});
export type PageInput = z.output<typeof pageSchema>;

/** The second form on an edit page: deleting needs a ticked confirmation, as there is no undo. */
export const deleteConfirmationSchema = z.object({
	confirm: field.consent(() => m.content_delete_confirm_field())
});
