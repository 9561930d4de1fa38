import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { roomClosures, roomOpeningHours, rooms } from '../db/schema';
import { DomainError, fieldError } from '../errors';
import { timeZone, toLocalDate } from '../time';
import { holidayOn } from './closing-days';
import type { Slot } from './series';

export type Room = typeof rooms.$inferSelect;

export interface OpeningHours {
	weekday: number;
	/** `HH:MM` */
	opens: string;
	closes: string;
}

export interface Closure {
	firstDay: string;
	lastDay: string;
	reason: string;
}

/** A room with what decides when it may be booked. */
export interface RoomWithRules {
	room: Room;
	hours: OpeningHours[];
	closures: Closure[];
}

const hhmm = (time: string) => time.slice(0, 5);

/** The room (active or not) with its opening hours and the closures of it or its house. */
export async function loadRoomWithRules(db: Db | Tx, roomId: number): Promise<RoomWithRules> {
	const [room] = await db.select().from(rooms).where(eq(rooms.id, roomId));
	if (!room) throw new DomainError('NOT_FOUND', { detail: `room ${roomId}` });
	const hours = await db
		.select()
		.from(roomOpeningHours)
		.where(eq(roomOpeningHours.roomId, roomId))
		.orderBy(asc(roomOpeningHours.weekday), asc(roomOpeningHours.opens));
	const closures = await db
		.select({
			firstDay: roomClosures.firstDay,
			lastDay: roomClosures.lastDay,
			reason: roomClosures.reason
		})
		.from(roomClosures)
		.where(
			and(
				eq(roomClosures.venueId, room.venueId),
				or(isNull(roomClosures.roomId), eq(roomClosures.roomId, roomId))
			)
		);
	return {
		room,
		hours: hours.map((h) => ({ weekday: h.weekday, opens: hhmm(h.opens), closes: hhmm(h.closes) })),
		closures
	};
}

/** Closures overlapping a range of local days (for week views). */
export async function closuresBetween(db: Db | Tx, venueId: number, first: string, last: string) {
	return db
		.select()
		.from(roomClosures)
		.where(
			and(
				eq(roomClosures.venueId, venueId),
				lte(roomClosures.firstDay, last),
				gte(roomClosures.lastDay, first)
			)
		);
}

interface LocalSlot {
	date: string;
	weekday: number;
	from: string;
	to: string;
}

function local(slot: Slot, zone: string): LocalSlot {
	const start = Temporal.Instant.fromEpochMilliseconds(slot.start.getTime()).toZonedDateTimeISO(
		zone
	);
	const end = Temporal.Instant.fromEpochMilliseconds(slot.end.getTime()).toZonedDateTimeISO(zone);
	return {
		date: start.toPlainDate().toString(),
		weekday: start.dayOfWeek,
		from: start.toPlainTime().toString({ smallestUnit: 'minute' }),
		// A slot ending at midnight ends at 24:00 of its day.
		to:
			end.toPlainDate().toString() === start.toPlainDate().toString()
				? end.toPlainTime().toString({ smallestUnit: 'minute' })
				: '24:00'
	};
}

/**
 * Why the room is closed on a local date (a public holiday, a closure of the house or room),
 * or undefined if it is not. A series skips such dates; a single date is refused.
 */
export function closedReason(rules: RoomWithRules, date: string): string | undefined {
	const holiday = holidayOn(date);
	if (holiday) return holiday;
	const closure = rules.closures.find((c) => c.firstDay <= date && date <= c.lastDay);
	if (closure) return closure.reason || m.rooms_closed_default();
	return undefined;
}

const WEEKDAYS = () => [
	m.rooms_weekday_1(),
	m.rooms_weekday_2(),
	m.rooms_weekday_3(),
	m.rooms_weekday_4(),
	m.rooms_weekday_5(),
	m.rooms_weekday_6(),
	m.rooms_weekday_7()
];

/**
 * Checks the times of a request against the room's rules and throws a field error with a German
 * message: the duration, the opening hours (every date of a series has the first date's weekday
 * and times), the minimum notice (first date), the maximum advance (last date), the past, and
 * the number of people. Closing days are per date: see `closedReason`.
 */
export function assertRequestFitsRules(
	rules: RoomWithRules,
	slots: Slot[],
	attendees: number,
	at: Date,
	zone = timeZone()
): void {
	const { room } = rules;
	if (!room.active) throw new DomainError('NOT_FOUND', { detail: `room ${room.id} inactive` });
	if (slots.length === 0) throw fieldError('date', () => m.rooms_error_date());
	if (attendees > room.capacity) {
		throw fieldError('attendees', () => m.rooms_error_capacity({ capacity: room.capacity }));
	}
	const first = slots[0];
	const last = slots[slots.length - 1];
	const minutes = (first.end.getTime() - first.start.getTime()) / 60_000;
	if (minutes > room.maxDurationMinutes) {
		throw fieldError('endTime', () =>
			m.rooms_error_too_long({ hours: formatHours(room.maxDurationMinutes) })
		);
	}
	if (first.start.getTime() <= at.getTime()) {
		throw fieldError('date', () => m.rooms_error_past());
	}
	if (first.start.getTime() - at.getTime() < room.minNoticeHours * 3_600_000) {
		throw fieldError('date', () => m.rooms_error_notice({ hours: room.minNoticeHours }));
	}
	const latest = Temporal.Instant.fromEpochMilliseconds(at.getTime())
		.toZonedDateTimeISO(zone)
		.add({ days: room.maxAdvanceDays });
	if (last.start.getTime() > latest.epochMilliseconds) {
		throw fieldError(slots.length > 1 ? 'until' : 'date', () =>
			m.rooms_error_advance({
				days: room.maxAdvanceDays,
				date: latest.toPlainDate().toLocaleString('de-DE')
			})
		);
	}
	const asked = local(first, zone);
	const open = rules.hours.filter((h) => h.weekday === asked.weekday);
	const fits = open.some(
		(h) => h.opens <= asked.from && asked.to <= (h.closes === '00:00' ? '24:00' : h.closes)
	);
	if (!fits) {
		const weekday = WEEKDAYS()[asked.weekday - 1];
		throw fieldError(
			'startTime',
			open.length === 0
				? () => m.rooms_error_closed_weekday({ weekday })
				: () =>
						m.rooms_error_outside_hours({
							weekday,
							hours: open.map((h) => `${h.opens}–${h.closes}`).join(', ')
						})
		);
	}
}

/** Minutes as hours for a message: 480 → "8", 90 → "1,5". */
export function formatHours(minutes: number): string {
	const hours = minutes / 60;
	return Number.isInteger(hours) ? String(hours) : hours.toFixed(1).replace('.', ',');
}

/** The local date of a slot (for closing days, previews and messages). */
export function slotDate(slot: Slot, zone = timeZone()): string {
	return toLocalDate(slot.start, zone);
}
