import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { rooms } from '../db/schema';
import { field } from '../form';
import { DomainError } from '../errors';
import { findBusyIntervals } from './availability';
import { localDayBounds } from '../time';

/*
 * What the JSON API (/api/v1, described in api/openapi.ts) says about rooms. No personal data:
 * busy intervals carry only times, as the public week view does.
 */

export async function listRoomsForApi(db: Db) {
	const rows = await db
		.select()
		.from(rooms)
		.where(eq(rooms.active, true))
		.orderBy(asc(rooms.sortOrder), asc(rooms.id));
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		name: r.name,
		description: r.description,
		capacity: r.capacity,
		equipment: r.equipment,
		accessibility: {
			stepFree: r.stepFree,
			accessibleToilet: r.accessibleToilet,
			hearingLoop: r.hearingLoop
		},
		bufferMinutes: r.bufferMinutes,
		minNoticeHours: r.minNoticeHours,
		maxAdvanceDays: r.maxAdvanceDays,
		maxDurationMinutes: r.maxDurationMinutes
	}));
}

/** At most this many days per availability request (a quarter; a client pages for more). */
export const MAX_AVAILABILITY_DAYS = 92;

const day = (name: string) =>
	z
		.string({ error: () => m.api_error_day({ field: name }) })
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.api_error_day({ field: name }) })
		.refine((d) => localDayBounds(d) !== null, { error: () => m.api_error_day({ field: name }) });

/** Days between two local dates (inclusive of both); NaN if either is no date. */
function spanDays(from: string, to: string): number {
	const first = localDayBounds(from);
	const last = localDayBounds(to);
	if (!first || !last) return Number.NaN;
	return Math.round((last.end.getTime() - first.start.getTime()) / 86_400_000);
}

// Object-level checks also run when a day failed its own check (zod keeps going), so each one
// must cope with an invalid day: NaN compares false, and the day's own message stands.
export const availabilityQuery = z
	.object({ from: day('from'), to: day('to') })
	.refine((q) => !(spanDays(q.from, q.to) < 1), {
		path: ['to'],
		error: () => m.api_error_range_order()
	})
	.refine((q) => !(spanDays(q.from, q.to) > MAX_AVAILABILITY_DAYS), {
		path: ['to'],
		error: () => m.api_error_range_long({ days: MAX_AVAILABILITY_DAYS })
	});

/** Busy intervals of one room between two local days (inclusive), ISO 8601 with offset. */
export async function roomAvailability(
	db: Db,
	roomId: number,
	{ from, to }: { from: string; to: string },
	formatInstant: (d: Date) => string
) {
	const [room] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).limit(1);
	if (!room) throw new DomainError('NOT_FOUND', { detail: `room ${roomId}` });
	const start = localDayBounds(from)!.start;
	const end = localDayBounds(to)!.end;
	const busy = await findBusyIntervals(db, [roomId], start, end);
	return {
		roomId,
		from,
		to,
		busy: busy.map((b) => ({ start: formatInstant(b.start), end: formatInstant(b.end) }))
	};
}

/** ISO 8601 with an explicit offset (Z or ±hh:mm), as the API promises. */
const instant = (label: () => string) =>
	z
		.string({ error: () => m.api_error_instant({ field: label() }) })
		.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
			error: () => m.api_error_instant({ field: label() })
		})
		.transform((s) => new Date(s))
		.refine((d) => !Number.isNaN(d.getTime()), {
			error: () => m.api_error_instant({ field: label() })
		});

const strictInteger = (label: () => string, min: number, max: number) =>
	z
		.number({ error: () => m.error_invalid_number({ field: label() }) })
		.int({ error: () => m.error_invalid_number({ field: label() }) })
		.min(min, { error: () => m.error_invalid_number({ field: label() }) })
		.max(max, { error: () => m.error_invalid_number({ field: label() }) });

export const bookingRequestBody = z
	.object({
		roomId: strictInteger(() => 'roomId', 1, 2_147_483_647),
		start: instant(m.rooms_field_start),
		end: instant(m.rooms_field_end),
		purpose: field.longText(m.api_field_purpose, 500),
		attendees: strictInteger(m.api_field_attendees, 1, 10_000),
		name: field.text(m.api_field_name, 100),
		email: field.email(m.api_field_email),
		phone: field.optionalText(m.api_field_phone, 40),
		organisation: field.optionalText(m.api_field_organisation, 120),
		showOrganisation: z.boolean({ error: () => m.api_error_boolean() }).default(false),
		acceptTerms: z.literal(true, { error: () => m.error_consent({ field: m.api_field_terms() }) })
	})
	.refine((b) => !(b.start >= b.end), {
		path: ['end'],
		error: () => m.rooms_error_end_before_start()
	});
