import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { describeField } from '../form-meta';
import type { OpeningHours } from './booking-rules';

type Label = () => string;

/**
 * A whole number in the bounds of the table's CHECK constraint (rooms.ts). Empty is not 0:
 * every rule of a room must be filled in.
 */
export function wholeNumber(label: Label, min: number, max: number) {
	return describeField(
		z
			.string({
				error: (issue) =>
					issue.input === undefined
						? m.error_required({ field: label() })
						: m.error_not_a_text({ field: label() })
			})
			.trim()
			.superRefine((s, ctx) => {
				if (s === '') {
					ctx.addIssue({ code: 'custom', message: m.error_required({ field: label() }) });
				} else if (!/^[0-9]{1,7}$/.test(s) || Number(s) < min || Number(s) > max) {
					ctx.addIssue({
						code: 'custom',
						message: m.rooms_admin_error_range({ field: label(), min, max })
					});
				}
			})
			.transform(Number),
		{ label, required: true }
	);
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Monday … Sunday, as the opening-hours table names them. */
export const weekdayName = (day: number): string =>
	[
		m.rooms_admin_day_1,
		m.rooms_admin_day_2,
		m.rooms_admin_day_3,
		m.rooms_admin_day_4,
		m.rooms_admin_day_5,
		m.rooms_admin_day_6,
		m.rooms_admin_day_7
	][day - 1]();

const opensLabel = (day: number) => () => m.rooms_admin_hours_opens_of({ day: weekdayName(day) });
const closesLabel = (day: number) => () => m.rooms_admin_hours_closes_of({ day: weekdayName(day) });

/** One "von"/"bis" pair per weekday (`opens1` … `closes7`); both empty = closed that day. */
const hourFields = Object.fromEntries(
	WEEKDAYS.flatMap((d) => [
		[`opens${d}`, field.optionalTime(opensLabel(d))],
		[`closes${d}`, field.optionalTime(closesLabel(d))]
	])
) as Record<`opens${number}` | `closes${number}`, ReturnType<typeof field.optionalTime>>;

/** The fields of the room form (its labels for describeForm and the record history). */
export const roomFields = z.object({
	name: field.text(() => m.rooms_admin_field_name(), 100),
	slug: field.optionalText(() => m.rooms_admin_field_slug(), 80, {
		hint: () => m.rooms_admin_field_slug_hint()
	}),
	description: field.optionalLongText(() => m.rooms_admin_field_description(), 5000),
	capacity: wholeNumber(() => m.rooms_admin_field_capacity(), 1, 10000),
	equipment: field.optionalLongText(() => m.rooms_admin_field_equipment(), 2000),
	stepFree: field.checkbox(),
	accessibleToilet: field.checkbox(),
	hearingLoop: field.checkbox(),
	houseRules: field.optionalLongText(() => m.rooms_admin_field_house_rules(), 20000, {
		hint: () => m.rooms_admin_field_house_rules_hint()
	}),
	bufferMinutes: wholeNumber(() => m.rooms_admin_field_buffer(), 0, 240),
	minNoticeHours: wholeNumber(() => m.rooms_admin_field_notice(), 0, 8760),
	maxAdvanceDays: wholeNumber(() => m.rooms_admin_field_advance(), 1, 1100),
	maxDurationMinutes: wholeNumber(() => m.rooms_admin_field_duration(), 15, 1440),
	active: field.checkbox(),
	/** Shown only when there is more than one venue; empty = the main venue (a new room) or unchanged. */
	venueId: describeField(
		z.preprocess(
			(v) => (v === undefined ? '' : v),
			z
				.string({ error: () => m.error_invalid_choice({ field: m.venues_room_venue() }) })
				.regex(/^([1-9][0-9]{0,9})?$/, {
					error: () => m.error_invalid_choice({ field: m.venues_room_venue() })
				})
				.transform((v) => (v === '' ? null : Number(v)))
				.refine((id) => id === null || id <= 2_147_483_647, {
					error: () => m.error_invalid_choice({ field: m.venues_room_venue() })
				})
		),
		{ label: () => m.venues_room_venue(), hint: () => m.venues_room_venue_hint() }
	),
	...hourFields
});

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const isTime = (v: unknown): v is string => typeof v === 'string' && HH_MM.test(v);

export const roomSchema = roomFields
	.superRefine((value, ctx) => {
		const v = value as Record<string, unknown>;
		for (const d of WEEKDAYS) {
			const opens = v[`opens${d}`];
			const closes = v[`closes${d}`];
			// A malformed time has its own message already.
			if (!(opens === null || isTime(opens)) || !(closes === null || isTime(closes))) continue;
			const day = weekdayName(d);
			if ((opens === null) !== (closes === null)) {
				ctx.addIssue({
					code: 'custom',
					path: [opens === null ? `opens${d}` : `closes${d}`],
					message: m.rooms_admin_error_hours_pair({ day })
				});
			} else if (isTime(opens) && isTime(closes) && opens >= closes) {
				ctx.addIssue({
					code: 'custom',
					path: [`closes${d}`],
					message: m.rooms_admin_error_hours_order({ day })
				});
			}
		}
	})
	.transform((value) => {
		const v = value as typeof value & Record<string, string | null>;
		const hours: OpeningHours[] = [];
		for (const d of WEEKDAYS) {
			const opens = v[`opens${d}`];
			const closes = v[`closes${d}`];
			if (opens && closes) hours.push({ weekday: d, opens, closes });
		}
		return {
			name: value.name,
			slug: value.slug,
			description: value.description,
			capacity: value.capacity,
			equipment: value.equipment,
			stepFree: value.stepFree,
			accessibleToilet: value.accessibleToilet,
			hearingLoop: value.hearingLoop,
			houseRules: value.houseRules,
			bufferMinutes: value.bufferMinutes,
			minNoticeHours: value.minNoticeHours,
			maxAdvanceDays: value.maxAdvanceDays,
			maxDurationMinutes: value.maxDurationMinutes,
			active: value.active,
			venueId: value.venueId,
			hours
		};
	});
export type RoomInput = z.output<typeof roomSchema>;

/** A time in which staff take a room out of booking (maintenance, internal use). */
export const blockSchema = z.object({
	date: field.date(() => m.rooms_admin_block_date()),
	startTime: field.time(() => m.rooms_admin_block_from()),
	endTime: field.time(() => m.rooms_admin_block_until()),
	title: field.text(() => m.rooms_admin_block_title(), 100, {
		hint: () => m.rooms_admin_block_title_hint()
	}),
	note: field.optionalLongText(() => m.rooms_admin_block_note(), 2000)
});
export type BlockInput = z.output<typeof blockSchema>;

export const recordId = (label: Label) =>
	z
		.string({ error: () => m.error_invalid_choice({ field: label() }) })
		.regex(/^[1-9][0-9]{0,9}$/, { error: () => m.error_invalid_choice({ field: label() }) })
		.transform(Number);

export const unblockSchema = z.object({ block: recordId(() => m.rooms_admin_block_heading()) });

const closureRoomLabel = () => m.rooms_closure_field_room();
const notAClosureRoom = () => m.rooms_closure_error_room();

/**
 * Days on which the whole house (`roomId` empty, the default) or one room is closed (holidays of
 * the house, renovation). Whether the room is one of the house's is checked by the use case.
 */
export const closureSchema = z
	.object({
		roomId: describeField(
			z.preprocess(
				(v) => (v === undefined ? '' : v),
				z
					.string({ error: notAClosureRoom })
					.regex(/^([1-9][0-9]{0,9})?$/, { error: notAClosureRoom })
					.transform((v) => (v === '' ? null : Number(v)))
					.refine((id) => id === null || id <= 2_147_483_647, { error: notAClosureRoom })
			),
			{
				label: closureRoomLabel,
				hint: () => m.rooms_closure_field_room_hint(),
				required: true
			}
		),
		firstDay: field.date(() => m.rooms_admin_closure_first()),
		lastDay: field.date(() => m.rooms_admin_closure_last()),
		reason: field.text(() => m.rooms_admin_closure_reason(), 200, {
			hint: () => m.rooms_admin_closure_reason_hint()
		})
	})
	.superRefine((v, ctx) => {
		if (typeof v.firstDay === 'string' && typeof v.lastDay === 'string' && v.lastDay < v.firstDay) {
			ctx.addIssue({
				code: 'custom',
				path: ['lastDay'],
				message: m.rooms_admin_error_closure_order()
			});
		}
	});
export type ClosureInput = z.output<typeof closureSchema>;

export const closureDeleteSchema = z.object({
	closure: recordId(() => m.rooms_admin_closures_heading()),
	confirm: field.consent(() => m.rooms_admin_closure_delete_confirm_field())
});
