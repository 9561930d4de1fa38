import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingRequests, bookings, rooms, type BookingKind } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { localDayBounds } from '../time';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` for a well-formed month, else null (the route answers 404 like the day plan). */
export function parseMonth(value: string | null | undefined): string | null {
	return value && MONTH.test(value) ? value : null;
}

/** The month before or after `YYYY-MM`, for the report's navigation. */
export function shiftMonth(month: string, by: number): string {
	const [year, mon] = month.split('-').map(Number);
	const index = year * 12 + (mon - 1) + by;
	return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The instants a local month starts and ends (end exclusive): a booking belongs to the month of
 * its local start date, so a booking on 31 October 23:30 counts in October even though it is
 * already November in UTC.
 */
export function localMonthBounds(month: string): { start: Date; end: Date } | null {
	if (!parseMonth(month)) return null;
	const first = localDayBounds(`${month}-01`);
	const next = localDayBounds(`${shiftMonth(month, 1)}-01`);
	return first && next ? { start: first.start, end: next.start } : null;
}

export interface UsageGroup {
	kind: BookingKind;
	/** The requesting group; '' for requests without one and for blocks and events. */
	organisation: string;
	bookings: number;
	hours: number;
}

export interface RoomUsage {
	id: number;
	name: string;
	/** Approved dates of requests: what groups and residents used. */
	requestBookings: number;
	requestHours: number;
	/** Blocks and events of the house, counted apart so they do not inflate the groups' use. */
	otherBookings: number;
	otherHours: number;
	groups: UsageGroup[];
}

/**
 * The booked hours of every room in one local month (`YYYY-MM`): approved bookings only, from
 * start to end (the set-up buffer is the house's time, not the group's), summed by the database
 * per room, kind and group. Elapsed real time: 18:00–20:00 is two hours on the DST night too.
 * Anonymised requests still count: anonymising keeps the organisation for this report.
 */
export async function getUsageReport(db: Db, { actor, month }: { actor: Actor; month: string }) {
	assertCan(actor, 'bookings.read');
	const bounds = localMonthBounds(month);
	if (!bounds) throw new DomainError('NOT_FOUND');
	const organisation = sql<string>`coalesce(${bookingRequests.organisation}, '')`;
	const [allRooms, sums] = await Promise.all([
		db
			.select({ id: rooms.id, name: rooms.name, active: rooms.active })
			.from(rooms)
			.orderBy(asc(rooms.sortOrder), asc(rooms.name)),
		db
			.select({
				roomId: bookings.roomId,
				kind: bookings.kind,
				organisation,
				bookings: sql<number>`count(*)::int`,
				// Seconds as a float: exact for quarter hours, and Number() keeps it simple.
				seconds: sql<number>`extract(epoch from sum(${bookings.endsAt} - ${bookings.startsAt}))::float8`
			})
			.from(bookings)
			.leftJoin(bookingRequests, eq(bookingRequests.id, bookings.requestId))
			.where(
				and(
					eq(bookings.status, 'approved'),
					gte(bookings.startsAt, bounds.start),
					lt(bookings.startsAt, bounds.end)
				)
			)
			.groupBy(bookings.roomId, bookings.kind, organisation)
			.orderBy(bookings.roomId, bookings.kind, organisation)
	]);
	const usage: RoomUsage[] = allRooms
		// An inactive room still shows the month in which it was used.
		.filter((room) => room.active || sums.some((s) => s.roomId === room.id))
		.map((room) => {
			const groups = sums
				.filter((s) => s.roomId === room.id)
				.map((s) => ({
					kind: s.kind,
					organisation: s.kind === 'request' ? s.organisation : '',
					bookings: Number(s.bookings),
					hours: Number(s.seconds) / 3600
				}));
			const requests = groups.filter((g) => g.kind === 'request');
			const others = groups.filter((g) => g.kind !== 'request');
			return {
				id: room.id,
				name: room.name,
				requestBookings: requests.reduce((n, g) => n + g.bookings, 0),
				requestHours: requests.reduce((n, g) => n + g.hours, 0),
				otherBookings: others.reduce((n, g) => n + g.bookings, 0),
				otherHours: others.reduce((n, g) => n + g.hours, 0),
				groups
			};
		});
	return { month, start: bounds.start, rooms: usage };
}

export type UsageReport = Awaited<ReturnType<typeof getUsageReport>>;

/** Hours with a decimal comma and at most two places, as German spreadsheets read them. */
export function formatHours(hours: number): string {
	return (Math.round(hours * 100) / 100)
		.toFixed(2)
		.replace(/\.?0+$/, '')
		.replace('.', ',');
}

/**
 * A cell as text a spreadsheet shows but never runs: a leading = + - @ would start a formula
 * (CSV injection), so it gets an apostrophe; quotes, semicolons and line breaks are quoted.
 */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export interface UsageCsvLabels {
	header: [string, string, string, string];
	noGroup: string;
	kind: (kind: Exclude<BookingKind, 'request'>) => string;
	total: string;
}

/**
 * The report as CSV for Excel: semicolons, decimal comma, CRLF and a byte order mark (else
 * Excel reads UTF-8 as Windows-1252 and breaks the umlauts). One line per room and group, then
 * the room's total over all its bookings.
 */
export function usageReportCsv(report: UsageReport, labels: UsageCsvLabels): string {
	const lines = [labels.header.map(csvCell).join(';')];
	for (const room of report.rooms) {
		for (const group of room.groups) {
			const name =
				group.kind === 'request' ? group.organisation || labels.noGroup : labels.kind(group.kind);
			lines.push(
				[room.name, name, String(group.bookings), formatHours(group.hours)].map(csvCell).join(';')
			);
		}
		lines.push(
			[
				room.name,
				labels.total,
				String(room.requestBookings + room.otherBookings),
				formatHours(room.requestHours + room.otherHours)
			]
				.map(csvCell)
				.join(';')
		);
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
