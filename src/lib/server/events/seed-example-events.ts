import { and, count, eq, inArray } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Tx } from '../db/client';
import { auditLog, events, groups, rooms } from '../db/schema';
import { CLI_ACTOR } from '../auth/actor';
import { timeZone } from '../time';
import { insertEvent } from './create-event';
import { eventInputSchema, type EventInput } from './events.schemas';

export interface SeedGroup {
	key: string;
	slug: string;
	name: string;
	description: string;
	email: string;
	phone: string;
	showContact: boolean;
}

/**
 * An example event. Its first date is computed from the day of seeding: the next `weekday`
 * (1 = Monday) at least `daysAhead` days on, or for `nthWeekday` the n-th such weekday of the
 * next month that is still to come.
 */
export interface SeedEvent {
	/** A SeedGroup's key; null: the office itself. */
	group: string | null;
	/** A room slug of the seed; when that room does not exist, `placeName` is used. */
	room: string | null;
	weekday: number;
	nthWeekday?: number;
	daysAhead?: number;
	input: Partial<Omit<EventInput, 'date' | 'roomId' | 'groupId'>> & {
		title: string;
		startTime: string;
		endTime: string;
	};
}

function firstDate(today: Temporal.PlainDate, seed: SeedEvent): Temporal.PlainDate {
	if (seed.nthWeekday) {
		for (let month = 0; ; month++) {
			const first = today.with({ day: 1 }).add({ months: month });
			const offset = (seed.weekday - first.dayOfWeek + 7) % 7;
			const date = first.add({ days: offset + 7 * (seed.nthWeekday - 1) });
			if (Temporal.PlainDate.compare(date, today) > 0) return date;
		}
	}
	const from = today.add({ days: seed.daysAhead ?? 1 });
	return from.add({ days: (seed.weekday - from.dayOfWeek + 7) % 7 });
}

/**
 * Adds the seed's example organisers and events, marked as examples, when the installation has
 * never had an event (a new installation, or the first start after an update that brought the
 * calendar). Once staff removed the examples (an audit entry about events exists) it never
 * seeds again.
 */
export async function seedExampleEvents(
	tx: Tx,
	{
		seedGroups,
		seedEvents,
		today
	}: { seedGroups: SeedGroup[]; seedEvents: SeedEvent[]; today: Date }
): Promise<void> {
	if (seedEvents.length === 0) return;
	const [{ value: existing }] = await tx.select({ value: count() }).from(events);
	if (existing > 0) return;
	const [history] = await tx
		.select({ id: auditLog.id })
		.from(auditLog)
		.where(and(eq(auditLog.entity, 'event')))
		.limit(1);
	if (history) return;
	const groupIds = new Map<string, number>();
	for (const { key, ...group } of seedGroups) {
		const [row] = await tx
			.insert(groups)
			.values({ ...group, isExample: true })
			.onConflictDoNothing()
			.returning({ id: groups.id });
		if (row) groupIds.set(key, row.id);
	}
	const roomSlugs = seedEvents.map((e) => e.room).filter((s): s is string => s !== null);
	const roomRows = roomSlugs.length
		? await tx
				.select({ id: rooms.id, slug: rooms.slug })
				.from(rooms)
				.where(and(inArray(rooms.slug, roomSlugs), eq(rooms.active, true)))
		: [];
	const roomIds = new Map(roomRows.map((r) => [r.slug, r.id]));
	const day = Temporal.Instant.fromEpochMilliseconds(today.getTime())
		.toZonedDateTimeISO(timeZone())
		.toPlainDate();
	for (const seed of seedEvents) {
		const roomId = seed.room ? (roomIds.get(seed.room) ?? null) : null;
		const input = eventInputSchema.parse({
			categories: [],
			targetGroups: [],
			languages: [],
			...seed.input,
			date: firstDate(day, seed).toString(),
			roomId: roomId === null ? '' : String(roomId),
			groupId: seed.group ? String(groupIds.get(seed.group) ?? '') : '',
			interval: seed.input.interval == null ? '' : String(seed.input.interval),
			count: '',
			latitude: '',
			longitude: '',
			allDay: seed.input.allDay ? 'on' : '',
			isFree: seed.input.isFree ? 'on' : '',
			wheelchairAccessible: seed.input.wheelchairAccessible ? 'on' : ''
		});
		await insertEvent(tx, { actor: CLI_ACTOR, input, isExample: true });
	}
}
