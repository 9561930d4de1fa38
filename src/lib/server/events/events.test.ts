import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import { ANONYMOUS, type Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import { auditLog, bookings, eventOccurrences, events, groups, rooms } from '../db/schema';

import { parseFormData } from '../form';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { cancelEvent } from './cancel-event';
import { createEvent } from './create-event';
import { eventCalendarFile, eventsFeed } from './events-feed';
import { extendEventDatesJob } from './extend-event-dates.job';
import { eventFilterSchema, eventInputSchema, type EventInput } from './events.schemas';
import { findUpcomingEvents } from './find-upcoming-events';
import { getEventBySlug } from './get-event-by-slug';
import { getGroupBySlug } from './get-group-by-slug';
import { removeExampleEvents } from './remove-example-events';
import { updateEvent } from './update-event';

// A Monday morning in Kaster.
const NOW = new Date('2026-11-02T09:00:00Z');
const ORIGIN = 'https://kaster.example.org';

describe('events', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let roomsStaff: Actor;
	let gruppenraum: number;
	let kreativraum: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		setClock(NOW);
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		[{ id: gruppenraum }] = await db
			.select({ id: rooms.id })
			.from(rooms)
			.where(eq(rooms.slug, 'gruppenraum'));
		[{ id: kreativraum }] = await db
			.select({ id: rooms.id })
			.from(rooms)
			.where(eq(rooms.slug, 'kreativraum'));
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(() => setClock(NOW));
	afterEach(() => resetClock());

	/** The form as the browser sends it, through the schema. */
	function form(over: Record<string, string | string[]> = {}) {
		const data = new FormData();
		const fields: Record<string, string | string[]> = {
			title: 'Nachbarschaftsfrühstück',
			description: 'Gemeinsam frühstücken und ins Gespräch kommen.',
			date: '2026-11-12',
			startTime: '19:00',
			endTime: '21:00',
			repeat: 'none',
			placeName: 'Pfarrheim St. Rochus',
			placeAddress: 'Kirchstraße 1, 50181 Bedburg',
			categories: ['begegnung'],
			targetGroups: ['alle'],
			languages: ['de'],
			isFree: 'on',
			...over
		};
		for (const [key, value] of Object.entries(fields)) {
			for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
		}
		return parseFormData(data, eventInputSchema);
	}
	function input(over: Record<string, string | string[]> = {}): EventInput {
		const parsed = form(over);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return parsed.data;
	}
	const eventCount = async () => (await db.select({ n: count() }).from(events))[0].n;
	const titles = (result: Awaited<ReturnType<typeof findUpcomingEvents>>) => [
		...new Set(result.days.flatMap((d) => d.dates.map((x) => x.title)))
	];
	const filters = (params: Record<string, string>) => eventFilterSchema.parse(params);

	it('seeds five example events and their organisers, once, marked as examples', async () => {
		const seeded = await db.select().from(events);
		expect(seeded).toHaveLength(5);
		expect(seeded.every((e) => e.isExample && e.moderation === 'published')).toBe(true);
		expect(await db.select().from(groups)).toHaveLength(4);
		const repair = seeded.find((e) => e.title === 'Repair-Café')!;
		expect(repair.rrule).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=1SA');
		// The first Saturday of November 2026 (still to come on the 2nd), 10:00 in Kaster.
		expect(repair.startsAt.toISOString()).toBe('2026-11-07T09:00:00.000Z');
		const seniors = seeded.find((e) => e.title === 'Seniorentreff')!;
		expect(seniors.rrule).toBe('FREQ=WEEKLY;INTERVAL=2');
		await seedSite(db);
		expect(await eventCount()).toBe(5);
	});

	it('lets staff with the content role create an event that is published at once', async () => {
		const before = await eventCount();
		const created = await createEvent(db, {
			actor: content,
			input: input({ repeat: 'weekly', repeatEnd: 'count', count: '6' })
		});
		expect(created.slug).toBe('nachbarschaftsfruehstueck');
		const dates = await db
			.select()
			.from(eventOccurrences)
			.innerJoin(events, eq(events.id, eventOccurrences.eventId))
			.where(eq(events.slug, created.slug));
		expect(dates).toHaveLength(6);
		expect(dates[0].events.rrule).toBe('FREQ=WEEKLY;INTERVAL=1;COUNT=6');
		expect(dates[0].event_occurrences.startsAt.toISOString()).toBe('2026-11-12T18:00:00.000Z');
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'event.created'), eq(auditLog.entityId, String(created.id))));
		expect(audit.actorId).toBe((content as { id: number }).id);
		expect(await eventCount()).toBe(before + 1);

		expect((await failure(createEvent(db, { actor: roomsStaff, input: input() }))).code).toBe(
			'FORBIDDEN'
		);
		expect((await failure(createEvent(db, { actor: ANONYMOUS, input: input() }))).code).toBe(
			'UNAUTHENTICATED'
		);
		expect(await eventCount()).toBe(before + 1);
	});

	it('refuses bad input with a German message and stores nothing', async () => {
		const before = await eventCount();
		const schemaErrors = (over: Record<string, string | string[]>) => {
			const parsed = form(over);
			expect(parsed.ok).toBe(false);
			return parsed.ok ? {} : parsed.errors;
		};
		expect(schemaErrors({ date: '99999-01-01' }).date).toMatch(/Datum|Jahr/);
		expect(schemaErrors({ date: '2026-02-30' }).date).toBeTruthy();
		expect(schemaErrors({ description: 'x'.repeat(1_000_000) }).description).toMatch(/höchstens/);
		expect(schemaErrors({ title: '' }).title).toMatch(/Titel/);
		expect(schemaErrors({ categories: ['<script>'] }).categories).toBeTruthy();
		expect(schemaErrors({ latitude: '95' }).latitude).toBeTruthy();

		const fieldOf = async (over: Record<string, string | string[]>) => {
			const err = await failure(createEvent(db, { actor: content, input: input(over) }));
			expect(err.code).toBe('INVALID');
			const [[field, message]] = Object.entries(err.fieldErrors ?? {});
			return { field, message };
		};
		expect(await fieldOf({ endTime: '18:00' })).toEqual({
			field: 'endTime',
			message: 'Das Ende muss nach dem Beginn liegen.'
		});
		expect((await fieldOf({ endDate: '2026-11-11' })).field).toBe('endDate');
		expect(await fieldOf({ date: '2199-11-12' })).toEqual({
			field: 'date',
			message: expect.stringMatching(/höchstens 3 Jahre im Voraus/)
		});
		expect((await fieldOf({ endDate: '2027-01-30' })).message).toMatch(/höchstens 31 Tage/);
		expect(
			await fieldOf({ repeat: 'rule', rrule: 'FREQ=MINUTELY;UNTIL=21261231T000000Z' })
		).toEqual({
			field: 'rrule',
			message: expect.stringMatching(/nur wöchentlich oder monatlich/)
		});
		expect(
			(await fieldOf({ repeat: 'rule', rrule: 'FREQ=WEEKLY;UNTIL=21000101' })).message
		).toMatch(/höchstens 5 Jahre/);
		expect((await fieldOf({ repeat: 'rule', rrule: 'FREQ=MONTHLY;BYDAY=1SA' })).message).toMatch(
			/erste Datum passt nicht/
		);
		expect(
			(await fieldOf({ repeat: 'weekly', repeatEnd: 'until', until: '2026-11-01' })).field
		).toBe('until');
		expect((await fieldOf({ repeat: 'monthly-last-weekday' })).field).toBe('repeat');
		expect((await fieldOf({ placeName: '' })).field).toBe('placeName');
		expect((await fieldOf({ roomId: '999999' })).field).toBe('roomId');
		expect((await fieldOf({ groupId: '999999' })).field).toBe('groupId');
		expect((await fieldOf({ slug: 'Böse Adresse' })).field).toBe('slug');
		const taken = await failure(
			createEvent(db, { actor: content, input: input({ slug: 'repair-cafe' }) })
		);
		expect(taken.code).toBe('CONFLICT');
		expect(await eventCount()).toBe(before);
	});

	it('updates an event: dates re-expanded, SEQUENCE grown, the change in the history', async () => {
		const { id, slug } = await createEvent(db, {
			actor: content,
			input: input({ title: 'Spieleabend', repeat: 'weekly' })
		});
		await updateEvent(db, {
			actor: content,
			id,
			input: input({
				title: 'Spieleabend',
				date: '2026-11-13',
				repeat: 'monthly-day',
				repeatEnd: 'count',
				count: '3'
			})
		});
		const [row] = await db.select().from(events).where(eq(events.id, id));
		expect(row.slug).toBe(slug);
		expect(row.sequence).toBe(1);
		expect(row.rrule).toBe('FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=13;COUNT=3');
		const dates = await db
			.select({ start: eventOccurrences.startsAt })
			.from(eventOccurrences)
			.where(eq(eventOccurrences.eventId, id));
		expect(dates.map((d) => d.start.toISOString().slice(0, 10))).toEqual([
			'2026-11-13',
			'2026-12-13',
			'2027-01-13'
		]);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'event.updated'), eq(auditLog.entityId, String(id))));
		expect(audit.after).toMatchObject({ rrule: row.rrule });
		expect(
			(await failure(updateEvent(db, { actor: content, id: 999999, input: input() }))).code
		).toBe('NOT_FOUND');
	});

	it('keeps a cancelled event listed and in the feed as cancelled', async () => {
		const { id, slug } = await createEvent(db, {
			actor: content,
			input: input({
				title: 'Laternenumzug',
				date: '2026-11-11',
				startTime: '17:30',
				endTime: '19:00'
			})
		});
		await cancelEvent(db, { actor: content, id });
		const list = await findUpcomingEvents(db, { filters: filters({ q: 'Laternenumzug' }) });
		expect(list.days[0].dates[0]).toMatchObject({ slug, status: 'cancelled' });
		expect((await failure(cancelEvent(db, { actor: content, id }))).code).toBe(
			'INVALID_TRANSITION'
		);
		expect((await failure(cancelEvent(db, { actor: roomsStaff, id }))).code).toBe('FORBIDDEN');
		const { ics } = await eventCalendarFile(db, { origin: ORIGIN, slug });
		expect(ics).toContain('STATUS:CANCELLED');
		expect(ics).toContain('SEQUENCE:1');
	});

	it('holds its room in the house for its coming dates, refuses a taken time, frees it when cancelled', async () => {
		const heldBy = async (eventId: number) =>
			(
				await db
					.select({ startsAt: bookings.startsAt, title: bookings.title })
					.from(bookings)
					.where(and(eq(bookings.eventId, eventId), eq(bookings.status, 'approved')))
					.orderBy(asc(bookings.startsAt))
			).map((b) => `${b.startsAt.toISOString()} ${b.title}`);
		const inKreativraum = (over: Record<string, string>) =>
			input({ roomId: String(kreativraum), placeName: '', placeAddress: '', ...over });
		const { id } = await createEvent(db, {
			actor: content,
			input: inKreativraum({
				title: 'Nähwerkstatt',
				date: '2026-11-03',
				startTime: '10:00',
				endTime: '12:00',
				repeat: 'weekly',
				repeatEnd: 'count',
				count: '3'
			})
		});
		expect(await heldBy(id)).toEqual([
			'2026-11-03T09:00:00.000Z Nähwerkstatt',
			'2026-11-10T09:00:00.000Z Nähwerkstatt',
			'2026-11-17T09:00:00.000Z Nähwerkstatt'
		]);

		const before = await eventCount();
		const taken = await failure(
			createEvent(db, {
				actor: content,
				input: inKreativraum({
					title: 'Zweite Gruppe',
					date: '2026-11-10',
					startTime: '11:00',
					endTime: '13:00'
				})
			})
		);
		expect(taken.code).toBe('CONFLICT');
		expect(taken.fieldErrors?.roomId).toMatch(/Dienstag, 10\. November 2026, 10:00/);
		expect(await eventCount()).toBe(before);

		await cancelEvent(db, { actor: content, id });
		expect(await heldBy(id)).toEqual([]);
		// The seeded examples name rooms but hold none: they must not keep a group from booking.
		const examples = await db
			.select({ id: events.id })
			.from(events)
			.where(eq(events.isExample, true));
		for (const example of examples) expect(await heldBy(example.id)).toEqual([]);
		// Out of the way of the list and feed tests below, which filter by room.
		await db.delete(events).where(eq(events.id, id));
	});

	it('lists upcoming dates by day, filtered through indexes, never past ones', async () => {
		await createEvent(db, {
			actor: content,
			input: input({
				title: 'Stadtteilspaziergang',
				description: 'Wir zeigen Ihnen die schönsten Ecken und reden über Verbesserungen.',
				date: '2026-10-20',
				roomId: String(gruppenraum),
				categories: ['kultur'],
				targetGroups: ['senioren'],
				languages: ['de', 'tr'],
				wheelchairAccessible: 'on'
			})
		});
		const all = await findUpcomingEvents(db, { pageSize: 100 });
		expect(titles(all)).not.toContain('Stadtteilspaziergang'); // in the past
		expect(all.days.map((d) => d.date)).toEqual([...all.days.map((d) => d.date)].sort());
		expect(titles(all)).toEqual(expect.arrayContaining(['Sprachcafé', 'Seniorentreff']));

		const by = async (params: Record<string, string>) =>
			titles(await findUpcomingEvents(db, { filters: filters(params), pageSize: 100 }));
		expect(await by({ kategorie: 'umwelt' })).toEqual(['Repair-Café']);
		expect(await by({ zielgruppe: 'senioren' })).toEqual(['Seniorentreff']);
		expect(await by({ sprache: 'ar' })).toEqual(['Sprachcafé']);
		expect(await by({ veranstalter: 'elterninitiative-kaster' })).toEqual([
			'Kindernachmittag: Basteln und Spielen'
		]);
		expect(await by({ veranstalter: 'quartiersmanagement', kategorie: 'beteiligung' })).toEqual([
			'Bewohnertreffen Kaster'
		]);
		expect(await by({ raum: 'kreativraum' })).toEqual(['Repair-Café']);
		expect(await by({ kostenlos: '1', zielgruppe: 'senioren' })).toEqual([]);
		expect(await by({ rollstuhl: '1', kategorie: 'umwelt' })).toEqual([]);
		// German stemming: "Gespräch" finds "Gespräche", "Kuchen" and "reparieren" themselves.
		expect(await by({ q: 'Gespräch Kuchen' })).toEqual(['Seniorentreff']);
		expect(await by({ q: 'reparieren' })).toEqual(['Repair-Café']);
		expect(await by({ von: '2026-12-05', bis: '2026-12-05' })).toEqual(['Repair-Café']);
		expect(await by({ von: '2026-11-05', bis: '2026-11-05', q: 'Sprachcafé' })).toEqual([
			'Sprachcafé'
		]);

		const page1 = await findUpcomingEvents(db, { pageSize: 3 });
		const page2 = await findUpcomingEvents(db, { pageSize: 3, filters: filters({ seite: '2' }) });
		expect(page1.hasNext).toBe(true);
		const ids = (r: typeof page1) => r.days.flatMap((d) => d.dates.map((x) => x.occurrenceId));
		expect(ids(page1)).toHaveLength(3);
		expect(ids(page2).some((id) => ids(page1).includes(id))).toBe(false);
		for (const bad of [
			{ kategorie: 'nope' },
			{ seite: '0' },
			{ von: '2026-1-1' },
			{ raum: 'A B' }
		]) {
			expect(eventFilterSchema.safeParse(bad).success).toBe(false);
		}
	});

	it('shows an event and a group with contact only where the group agreed', async () => {
		const detail = await getEventBySlug(db, 'sprachcafe');
		expect(detail.group?.name).toBe('Sprachcafé-Team Kaster');
		expect(detail.place.name).toMatch(/^Gruppenraum/);
		expect(detail.nextDates.length).toBeGreaterThan(5);
		expect(detail.descriptionHtml).toContain('<em>');
		await db
			.update(groups)
			.set({ email: 'team@example.org' })
			.where(eq(groups.slug, 'sprachcafe-team-kaster'));
		expect((await getEventBySlug(db, 'sprachcafe')).group?.email).toBe('');
		const page = await getGroupBySlug(db, 'sprachcafe-team-kaster');
		expect(page.group.email).toBe('');
		// One entry per event with its next date, not every date of the series.
		expect(page.events.map((e) => e.title)).toEqual(['Sprachcafé']);
		expect(page.events[0].startsAt.toISOString()).toBe('2026-11-05T16:00:00.000Z');
		await expect(getEventBySlug(db, 'gibt-es-nicht')).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(getGroupBySlug(db, 'gibt-es-nicht')).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('writes a feed that ical.js reads with the same dates as the list', async () => {
		const { ics } = await eventsFeed(db, { origin: ORIGIN, name: 'Veranstaltungen' });
		expect(ics).not.toMatch(/^METHOD/m);
		for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
		const root = new ICAL.Component(ICAL.parse(ics));
		for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
		try {
			const vevents = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
			const seniors = vevents.find((e) => e.summary === 'Seniorentreff')!;
			expect(seniors.uid).toMatch(/^event-\d+@kaster\.example\.org$/);
			const iterator = seniors.iterator();
			const starts: string[] = [];
			for (let next = iterator.next(); next && starts.length < 60; next = iterator.next()) {
				starts.push(next.toJSDate().toISOString());
			}
			const [row] = await db.select().from(events).where(eq(events.title, 'Seniorentreff'));
			const stored = await db
				.select({ start: eventOccurrences.startsAt })
				.from(eventOccurrences)
				.where(eq(eventOccurrences.eventId, row.id))
				.orderBy(eventOccurrences.startsAt)
				.limit(60);
			// The table holds two years; the feed's rule goes on.
			const last = stored.at(-1)!.start.toISOString();
			expect(starts.filter((s) => s <= last)).toEqual(stored.map((s) => s.start.toISOString()));
			// 14:30 in Kaster in winter and in summer.
			expect(starts).toContain('2026-11-03T13:30:00.000Z');
			expect(starts.some((s) => s.endsWith('T12:30:00.000Z'))).toBe(true);
		} finally {
			ICAL.TimezoneService.reset();
		}
	});

	it('moves the horizon of open series forward every night, keeping the stored dates', async () => {
		const [cafe] = await db.select().from(events).where(eq(events.slug, 'sprachcafe'));
		const datesOf = () =>
			db
				.select()
				.from(eventOccurrences)
				.where(eq(eventOccurrences.eventId, cafe.id))
				.orderBy(eventOccurrences.startsAt);
		const before = await datesOf();
		const later = new Date(NOW.getTime() + 30 * 86_400_000);
		setClock(later);
		await extendEventDatesJob.run({ db, now: later });
		const after = await datesOf();
		expect(after.at(-1)!.startsAt.getTime()).toBeGreaterThan(before.at(-1)!.startsAt.getTime());
		expect(after.length - before.length).toBe(4);
		// A date that stays keeps its row (what hangs on it later survives).
		const kept = after.find(
			(d) => d.originalStart.getTime() === before[10].originalStart.getTime()
		);
		expect(kept?.id).toBe(before[10].id);
		const [row] = await db.select().from(events).where(eq(events.id, cafe.id));
		expect(row.sequence).toBe(cafe.sequence);
		expect(row.materialisedUntil.getTime()).toBeGreaterThan(cafe.materialisedUntil.getTime());
		// Run again the same night: nothing to do.
		await extendEventDatesJob.run({ db, now: later });
		expect(await datesOf()).toEqual(after);
	});

	it('writes feeds per category, organiser and room', async () => {
		const summaries = async (filters: Record<string, string>) =>
			[
				...(await eventsFeed(db, { origin: ORIGIN, name: 'x', filters })).ics.matchAll(
					/^SUMMARY:(.*)$/gm
				)
			].map((match) => match[1].trim());
		expect(await summaries({ kategorie: 'umwelt' })).toEqual(['Repair-Café']);
		expect(await summaries({ veranstalter: 'seniorentreff-kaster' })).toEqual(['Seniorentreff']);
		expect(await summaries({ veranstalter: 'quartiersmanagement', raum: 'grosser-saal' })).toEqual([
			'Bewohnertreffen Kaster'
		]);
	});

	it('removes all examples in one action and keeps real events', async () => {
		expect((await failure(removeExampleEvents(db, { actor: roomsStaff }))).code).toBe('FORBIDDEN');
		const real = await eventCount();
		const removed = await removeExampleEvents(db, { actor: content });
		expect(removed).toEqual({ events: 5, groups: 4 });
		expect(await eventCount()).toBe(real - 5);
		expect(await db.select().from(groups)).toHaveLength(0);
		// Never seeded again once removed.
		await seedSite(db);
		expect(await eventCount()).toBe(real - 5);
	});
});
