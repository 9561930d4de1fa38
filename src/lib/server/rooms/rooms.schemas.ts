import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { describeField } from '../form-meta';

export const PURPOSE_MAX_LENGTH = 500;
export const MAX_ATTENDEES = 10_000;
/** How a request repeats: the radios of the form. */
export const REPEAT_CHOICES = ['once', 'weekly', 'interval'] as const;
export const INTERVAL_CHOICES = ['2', '3', '4'] as const;

const attendees = (label: () => string) =>
	describeField(field.integer(label, 1, MAX_ATTENDEES), {
		label,
		required: true,
		kind: 'number'
	});

/** The "Freien Raum finden" search (a GET form on /raeume). */
export const freeRoomSearchSchema = z.object({
	date: field.date(() => m.rooms_public_field_date()),
	startTime: field.time(() => m.rooms_public_field_start()),
	endTime: field.time(() => m.rooms_public_field_end()),
	attendees: attendees(() => m.rooms_public_field_attendees())
});
export type FreeRoomSearch = z.output<typeof freeRoomSearchSchema>;

/**
 * Local dates (`YYYY-MM-DD`) the requester saw as not available in the preview and agreed to
 * leave out: a hidden field, comma-separated (at most a series' 104 dates).
 */
const acceptedUnavailable = z
	.string({ error: () => m.rooms_public_error_preview() })
	.max(104 * 11, { error: () => m.rooms_public_error_preview() })
	.regex(/^(\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*)?$/, {
		error: () => m.rooms_public_error_preview()
	})
	.default('')
	.transform((s) => (s === '' ? [] : s.split(',')));

/** The request form on /raeume/[slug]/anfragen (both steps: check, then send). */
export const bookingRequestSchema = z.object({
	date: field.date(() => m.rooms_public_field_date(), {
		hint: () => m.rooms_public_field_date_hint()
	}),
	startTime: field.time(() => m.rooms_public_field_start()),
	endTime: field.time(() => m.rooms_public_field_end()),
	repeat: field.choice(() => m.rooms_public_field_repeat(), REPEAT_CHOICES, {
		choiceLabel: (v) =>
			v === 'once'
				? m.rooms_public_repeat_once()
				: v === 'weekly'
					? m.rooms_public_repeat_weekly()
					: m.rooms_public_repeat_interval()
	}),
	// Only read for "alle n Wochen"; a client that leaves it out gets every second week.
	interval: field
		.choice(() => m.rooms_public_field_interval(), INTERVAL_CHOICES, {
			hint: () => m.rooms_public_field_interval_hint(),
			choiceLabel: (v) => m.rooms_public_interval_choice({ weeks: v })
		})
		.default('2'),
	until: field.optionalDate(() => m.rooms_public_field_until(), {
		hint: () => m.rooms_public_field_until_hint()
	}),
	purpose: field.longText(() => m.rooms_public_field_purpose(), PURPOSE_MAX_LENGTH, {
		hint: () => m.rooms_public_field_purpose_hint({ max: PURPOSE_MAX_LENGTH })
	}),
	attendees: attendees(() => m.rooms_public_field_attendees()),
	name: field.text(() => m.rooms_public_field_name(), 100),
	email: field.email(() => m.rooms_public_field_email(), {
		hint: () => m.rooms_public_field_email_hint()
	}),
	phone: field.optionalText(() => m.rooms_public_field_phone(), 40),
	organisation: field.optionalText(() => m.rooms_public_field_organisation(), 120),
	showOrganisation: field.checkbox(),
	acceptRules: field.consent(() => m.rooms_public_field_accept_rules()),
	acceptedUnavailable
});
export type BookingRequestForm = z.output<typeof bookingRequestSchema>;

/** Bots fill every field; people never see this one. */
export const HONEYPOT_FIELD = 'website';
