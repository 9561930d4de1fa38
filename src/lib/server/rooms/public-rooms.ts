import { and, asc, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../db/client';
import { rooms } from '../db/schema';
import { DomainError } from '../errors';
import { renderMarkdown } from '../site/markdown';
import { localDayBounds, now, toLocalDate } from '../time';
import { findBusyIntervals } from './availability';
import { closedReason, loadRoomWithRules } from './booking-rules';

/** What the public sees of a room (no booking rules' internals). */
export const publicRoomColumns = {
	id: rooms.id,
	slug: rooms.slug,
	name: rooms.name,
	description: rooms.description,
	capacity: rooms.capacity,
	equipment: rooms.equipment,
	stepFree: rooms.stepFree,
	accessibleToilet: rooms.accessibleToilet,
	hearingLoop: rooms.hearingLoop,
	venueId: rooms.venueId,
	/** Seeded examples are marked publicly too, so nobody takes them for the real house. */
	isExample: rooms.isExample
};

export type PublicRoom = Awaited<ReturnType<typeof findActiveRooms>>[number];

/** The rooms anyone may ask for, in the office's order. */
export async function findActiveRooms(db: Db) {
	return db
		.select(publicRoomColumns)
		.from(rooms)
		.where(eq(rooms.active, true))
		.orderBy(asc(rooms.sortOrder), asc(rooms.id))
		.limit(100);
}

/** An active room by its slug with its house rules as sanitised HTML; NOT_FOUND otherwise. */
export async function getActiveRoom(db: Db, slug: string) {
	const [room] = await db
		.select({ ...publicRoomColumns, houseRules: rooms.houseRules })
		.from(rooms)
		.where(and(eq(rooms.slug, slug), eq(rooms.active, true)));
	if (!room) throw new DomainError('NOT_FOUND', { detail: `room ${slug}` });
	return { ...room, houseRulesHtml: renderMarkdown(room.houseRules) };
}

export interface WeekDay {
	/** `YYYY-MM-DD` */
	date: string;
	/** Why the room is closed that day (a holiday, a closure), or ''. */
	closed: string;
	/** The opening hours that weekday (`08:00–22:00`); empty when it is closed on that weekday. */
	hours: string[];
	busy: { start: Date; end: Date; label: string }[];
}

/** Monday of the week a local date falls in; today's week for a missing or malformed date. */
export function mondayOf(date: string | null): string {
	let day: Temporal.PlainDate;
	try {
		day = date ? Temporal.PlainDate.from(date, { overflow: 'reject' }) : today();
	} catch {
		day = today();
	}
	return day.subtract({ days: day.dayOfWeek - 1 }).toString();
}

const today = () => Temporal.PlainDate.from(toLocalDate(now()));

/**
 * A room's week (Monday to Sunday): per day the closing reason and the busy times (with the
 * buffer; a label only where it is public: a block's title or a group that agreed).
 */
export async function getRoomWeek(
	db: Db,
	{ roomId, monday }: { roomId: number; monday: string }
): Promise<{ days: WeekDay[]; previous: string; next: string }> {
	const first = Temporal.PlainDate.from(monday);
	const rules = await loadRoomWithRules(db, roomId);
	const dates = Array.from({ length: 7 }, (_, i) => first.add({ days: i }).toString());
	const from = localDayBounds(dates[0])!.start;
	const to = localDayBounds(dates[6])!.end;
	const busy = await findBusyIntervals(db, [roomId], from, to);
	const days = dates.map((date, i) => {
		const { start, end } = localDayBounds(date)!;
		return {
			date,
			closed: closedReason(rules, date) ?? '',
			hours: rules.hours
				.filter((h) => h.weekday === i + 1)
				.map((h) => `${h.opens}–${h.closes === '00:00' ? '24:00' : h.closes}`),
			busy: busy
				.filter((b) => b.start < end && start < b.end)
				.map((b) => ({ start: b.start, end: b.end, label: b.label }))
		};
	});
	return {
		days,
		previous: first.subtract({ days: 7 }).toString(),
		next: first.add({ days: 7 }).toString()
	};
}
