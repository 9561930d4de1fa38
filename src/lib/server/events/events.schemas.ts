import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { EVENT_CATEGORIES, EVENT_LANGUAGES, EVENT_TARGET_GROUPS } from '../db/schema';
import { field } from '../form';
import { describeField } from '../form-meta';
import {
	categoryLabel,
	languageLabel,
	repeatEndLabel,
	repeatLabel,
	targetGroupLabel
} from '$lib/events/labels';
import { registrationClosesLabel } from '$lib/events/registration-labels';

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 20_000;
export const RRULE_MAX = 300;
export const MAX_INTERVAL = 12;
export const MAX_COUNT = 260;
export const MAX_SERIES_YEARS = 5;

export const REPEAT_CHOICES = [
	'none',
	'weekly',
	'monthly-day',
	'monthly-weekday',
	'monthly-last-weekday',
	'rule'
] as const;
export type RepeatChoice = (typeof REPEAT_CHOICES)[number];
export const REPEAT_END_CHOICES = ['never', 'until', 'count'] as const;

/** Registration: persons per date, and when sign-ups close (hours before the start). */
export const MAX_CAPACITY = 10_000;
export const REGISTRATION_CLOSES = ['start', '1', '3', '12', '24', '48', '72', '168'] as const;
export type RegistrationCloses = (typeof REGISTRATION_CLOSES)[number];

/** An optional whole number from a text field: empty gives null. */
const optionalInteger = (label: () => string, min: number, max: number) =>
	describeField(
		// Not a union with null: its error would be zod's "Invalid input", not the field's message.
		z
			.preprocess(
				(v) =>
					v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
						? undefined
						: v,
				field.integer(label, min, max).optional()
			)
			.transform((v) => v ?? null),
		{ label, required: false, kind: 'number' }
	);

/** An optional decimal (coordinates): empty gives null. */
const optionalCoordinate = (label: () => string, limit: number) =>
	describeField(
		z.preprocess(
			(v) => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim().replace(',', '.')) : v),
			z.union([
				z.null(),
				z.coerce
					.number({ error: () => m.error_invalid_number({ field: label() }) })
					.min(-limit, { error: () => m.error_invalid_number({ field: label() }) })
					.max(limit, { error: () => m.error_invalid_number({ field: label() }) })
			])
		),
		{ label, required: false }
	);

/**
 * An event as staff enter it (the back-office form, and the input of create/update): the first
 * date with times, how it repeats, the place (a room of the house or another place), organiser
 * and the facts residents filter by. Cross-field rules (end after start, the repetition) are
 * checked by the domain (event-times.ts), which knows the time zone.
 */
export const eventInputSchema = z.object({
	title: field.text(() => m.events_field_title(), TITLE_MAX),
	description: field.optionalLongText(() => m.events_field_description(), DESCRIPTION_MAX, {
		hint: () => m.events_field_description_hint()
	}),
	date: field.date(() => m.events_field_date()),
	startTime: field.optionalTime(() => m.events_field_start_time()),
	endDate: field.optionalDate(() => m.events_field_end_date(), {
		hint: () => m.events_field_end_date_hint()
	}),
	endTime: field.optionalTime(() => m.events_field_end_time()),
	allDay: field.checkbox(),
	repeat: field
		.choice(() => m.events_field_repeat(), REPEAT_CHOICES, {
			choiceLabel: repeatLabel
		})
		.default('none'),
	interval: optionalInteger(() => m.events_field_interval(), 1, MAX_INTERVAL).default(null),
	repeatEnd: field
		.choice(() => m.events_field_repeat_end(), REPEAT_END_CHOICES, {
			choiceLabel: repeatEndLabel
		})
		.default('never'),
	until: field.optionalDate(() => m.events_field_until()),
	count: optionalInteger(() => m.events_field_count(), 1, MAX_COUNT).default(null),
	rrule: field.optionalText(() => m.events_field_rrule(), RRULE_MAX, {
		hint: () => m.events_field_rrule_hint()
	}),
	roomId: optionalInteger(() => m.events_field_room(), 1, 2_147_483_647).default(null),
	placeName: field.optionalText(() => m.events_field_place_name(), 200),
	placeAddress: field.optionalText(() => m.events_field_place_address(), 300),
	latitude: optionalCoordinate(() => m.events_field_latitude(), 90).default(null),
	longitude: optionalCoordinate(() => m.events_field_longitude(), 180).default(null),
	groupId: optionalInteger(() => m.events_field_group(), 1, 2_147_483_647).default(null),
	categories: field.choices(() => m.events_field_categories(), EVENT_CATEGORIES, {
		choiceLabel: categoryLabel
	}),
	targetGroups: field.choices(() => m.events_field_target_groups(), EVENT_TARGET_GROUPS, {
		choiceLabel: targetGroupLabel
	}),
	languages: field.choices(() => m.events_field_languages(), EVENT_LANGUAGES, {
		choiceLabel: languageLabel
	}),
	accessibilityNotes: field.optionalLongText(() => m.events_field_accessibility(), 1000),
	wheelchairAccessible: field.checkbox(),
	cost: field.optionalText(() => m.events_field_cost(), 200, {
		hint: () => m.events_field_cost_hint()
	}),
	isFree: field.checkbox(),
	slug: field.optionalText(() => m.events_field_slug(), 80),
	registrationEnabled: field.checkbox().default(false),
	registrationCapacity: optionalInteger(
		() => m.events_register_field_capacity(),
		1,
		MAX_CAPACITY
	).default(null),
	registrationCloses: field
		.choice(() => m.events_register_field_closes(), REGISTRATION_CLOSES, {
			choiceLabel: registrationClosesLabel
		})
		.default('start'),
	registrationWaitlist: field.checkbox().default(false)
});
export type EventInput = z.output<typeof eventInputSchema>;

const SLUGGISH = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters of /veranstaltungen as GET parameters (German names: they are the page's URLs).
 * Unknown values are refused (400) rather than ignored, so a wrong link says so.
 */
export const eventFilterSchema = z.object({
	kategorie: z.enum(EVENT_CATEGORIES).optional(),
	zielgruppe: z.enum(EVENT_TARGET_GROUPS).optional(),
	sprache: z.enum(EVENT_LANGUAGES).optional(),
	veranstalter: z.string().max(80).regex(SLUGGISH).optional(),
	raum: z.string().max(80).regex(SLUGGISH).optional(),
	kostenlos: z.literal('1').optional(),
	rollstuhl: z.literal('1').optional(),
	von: z.string().regex(ISO_DAY).optional(),
	bis: z.string().regex(ISO_DAY).optional(),
	q: z.string().max(100).optional(),
	seite: z.coerce.number().int().min(1).max(500).optional()
});
export type EventFilterParams = z.output<typeof eventFilterSchema>;

/** The organiser filter's value for "the office itself". */
export const OFFICE_ORGANISER = 'quartiersmanagement';
