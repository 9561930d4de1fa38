import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import type { Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import { auditLog, bookings, eventOccurrences, events, rooms } from '../db/schema';
import { parseFormData } from '../form';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { cancelEventDate } from './cancel-event-date';
import { createEvent } from './create-event';
import { cancelDateSchema, moveDateSchema, seriesScopeSchema } from './event-dates.schemas';
import { eventJsonLd } from './event-json-ld';
import { eventCalendarFile, eventsFeed } from './events-feed';
import { eventInputSchema, type EventInput } from './events.schemas';
import { extendEventDatesJob } from './extend-event-dates.job';
import { findEventDates } from './find-event-dates';
import { findUpcomingEvents } from './find-upcoming-events';
import { getEventBySlug } from './get-event-by-slug';
import { moveEventDate } from './move-event-date';
import { reinstateEventDate } from './reinstate-event-date';
import { updateEvent } from './update-event';

// A Monday morning in Kaster; clocks go forward on 28 March 2027.
const NOW = new Date('2026-11-02T09:00:00Z');
const ORIGIN = 'https://kaster.example.org';

describe('single dates of a series', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let gruppenraum: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		setClock(NOW);
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		[{ id: gruppenraum }] = await db
			.select({ id: rooms.id })
			.from(rooms)
			.where(eq(rooms.slug, 'gruppenraum'));
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(() => setClock(NOW));
	afterEach(() => resetClock());

	function parse<T>(
		schema: Parameters<typeof parseFormData>[1],
		fields: Record<string, string | string[]>
	) {
		const data = new FormData();
		for (const [key, value] of Object.entries(fields)) {
			for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
		}
		return parseFormData(data, schema) as
			{ ok: true; data: T } | { ok: false; errors: Record<string, string> };
	}
	function input(over: Record<string, string | string[]> = {}): EventInput {
		const parsed = parse<EventInput>(eventInputSchema, {
			title: 'Sprachcafé',
			description: 'Deutsch sprechen bei Kaffee und Kuchen.',
			date: '2026-11-12',
			startTime: '19:00',
			endTime: '21:00',
			repeat: 'weekly',
			repeatEnd: 'count',
			count: '30',
			roomId: String(gruppenraum),
			categories: ['begegnung'],
			targetGroups: ['alle'],
			languages: ['de'],
			isFree: 'on',
			...over
		});
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return parsed.data;
	}
	const moveInput = (fields: Record<string, string>) => {
		const parsed = parse<ReturnType<typeof moveDateSchema.parse>>(moveDateSchema, fields);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return parsed.data;
	};
	const datesOf = (eventId: number) =>
		db
			.select()
			.from(eventOccurrences)
			.where(eq(eventOccurrences.eventId, eventId))
			.orderBy(asc(eventOccurrences.originalStart));
	const holdsOf = async (eventId: number) =>
		(
			await db
				.select({ startsAt: bookings.startsAt, endsAt: bookings.endsAt })
				.from(bookings)
				.where(and(eq(bookings.eventId, eventId), eq(bookings.status, 'approved')))
				.orderBy(asc(bookings.startsAt))
		).map((b) => b.startsAt.toISOString());
	const sequenceOf = async (eventId: number) =>
		(await db.select({ s: events.sequence }).from(events).where(eq(events.id, eventId)))[0].s;
	let n = 0;
	/** A fresh series in the Gruppenraum at its own hour, so tests do not share room times. */
	async function series(over: Record<string, string | string[]> = {}) {
		n++;
		const start = `${String(8 + n).padStart(2, '0')}:00`;
		const end = `${String(8 + n).padStart(2, '0')}:45`;
		const created = await createEvent(db, {
			actor: content,
			input: input({ title: `Reihe ${n}`, startTime: start, endTime: end, ...over })
		});
		return { ...created, dates: await datesOf(created.id) };
	}

	it('cancels one date with a reason, releases its room, and reinstates it', async () => {
		const { id, dates } = await series();
		const date = dates[2];
		expect(await holdsOf(id)).toContain(date.startsAt.toISOString());
		const sequence = await sequenceOf(id);
		await cancelEventDate(db, {
			actor: content,
			eventId: id,
			occurrenceId: date.id,
			input: { reason: 'Die Leiterin ist krank.' }
		});
		const [row] = (await datesOf(id)).filter((d) => d.id === date.id);
		expect(row).toMatchObject({ cancelled: true, cancelReason: 'Die Leiterin ist krank.' });
		expect(await sequenceOf(id)).toBe(sequence + 1);
		const holds = await holdsOf(id);
		expect(holds).not.toContain(date.startsAt.toISOString());
		expect(holds).toHaveLength(29);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'event.date-cancelled'), eq(auditLog.entityId, String(id))));
		expect(audit).toBeTruthy();

		// Twice: refused, no second SEQUENCE.
		const again = await failure(
			cancelEventDate(db, {
				actor: content,
				eventId: id,
				occurrenceId: date.id,
				input: { reason: '' }
			})
		);
		expect(again.code).toBe('INVALID_TRANSITION');
		expect(again.details.message?.()).toMatch(/schon abgesagt/);
		expect(await sequenceOf(id)).toBe(sequence + 1);
		// A cancelled date cannot be moved.
		expect(
			(
				await failure(
					moveEventDate(db, {
						actor: content,
						origin: ORIGIN,
						eventId: id,
						occurrenceId: date.id,
						input: moveInput({ date: '2026-11-27', startTime: '10:00', endTime: '11:00' })
					})
				)
			).code
		).toBe('INVALID_TRANSITION');

		await reinstateEventDate(db, { actor: content, eventId: id, occurrenceId: date.id });
		expect((await datesOf(id)).find((d) => d.id === date.id)).toMatchObject({
			cancelled: false,
			cancelReason: ''
		});
		expect(await holdsOf(id)).toContain(date.startsAt.toISOString());
		expect(
			(
				await failure(
					reinstateEventDate(db, { actor: content, eventId: id, occurrenceId: date.id })
				)
			).code
		).toBe('INVALID_TRANSITION');
	});

	it('refuses bad input for a single date with a German message and changes nothing', async () => {
		const { id, dates } = await series();
		const other = await series();
		const single = await createEvent(db, {
			actor: content,
			input: input({ title: 'Einmalig', repeat: 'none', startTime: '07:00', endTime: '07:30' })
		});
		const [singleDate] = await datesOf(single.id);
		const schemaErrors = (
			schema: Parameters<typeof parseFormData>[1],
			fields: Record<string, string>
		) => {
			const parsed = parse(schema, fields);
			expect(parsed.ok).toBe(false);
			return parsed.ok ? {} : parsed.errors;
		};
		expect(schemaErrors(cancelDateSchema, { reason: 'x'.repeat(100_000) }).reason).toMatch(
			/höchstens/
		);
		expect(
			schemaErrors(moveDateSchema, {
				date: '2026-11-19',
				startTime: '10:00',
				endTime: '11:00',
				note: 'y'.repeat(5000)
			}).note
		).toMatch(/höchstens/);
		expect(schemaErrors(moveDateSchema, { date: '2026-02-30' }).date).toBeTruthy();
		expect(schemaErrors(seriesScopeSchema, { scope: 'some' }).scope).toBeTruthy();

		const move = (occurrenceId: number, fields: Record<string, string>, eventId = id) =>
			failure(
				moveEventDate(db, {
					actor: content,
					origin: ORIGIN,
					eventId,
					occurrenceId,
					input: moveInput(fields)
				})
			);
		const fieldOf = async (fields: Record<string, string>) => {
			const err = await move(dates[1].id, fields);
			expect(err.code).toBe('INVALID');
			return Object.entries(err.fieldErrors ?? {})[0];
		};
		expect(await fieldOf({ date: '2026-11-20', startTime: '10:00', endTime: '09:00' })).toEqual([
			'endTime',
			'Das Ende muss nach dem Beginn liegen.'
		]);
		expect((await fieldOf({ date: '2026-11-20', startTime: '10:00' }))[0]).toBe('endTime');
		// Before the first date of the series, in the past, far after its last date.
		expect(await fieldOf({ date: '2026-11-10', startTime: '10:00', endTime: '11:00' })).toEqual([
			'date',
			expect.stringMatching(/außerhalb der Reihe/)
		]);
		expect((await fieldOf({ date: '2026-10-01', startTime: '10:00', endTime: '11:00' }))[0]).toBe(
			'date'
		);
		expect(
			(await fieldOf({ date: '2029-06-01', startTime: '10:00', endTime: '11:00' }))[1]
		).toMatch(/außerhalb/);
		expect(
			(
				await fieldOf({
					date: '2026-11-20',
					endDate: '2027-01-20',
					startTime: '10:00',
					endTime: '11:00'
				})
			)[0]
		).toBe('endDate');
		// A date of another event, an unknown date, a date of a single event.
		expect(
			(await move(other.dates[0].id, { date: '2026-11-20', startTime: '10:00', endTime: '11:00' }))
				.code
		).toBe('NOT_FOUND');
		expect(
			(await move(99_999_999, { date: '2026-11-20', startTime: '10:00', endTime: '11:00' })).code
		).toBe('NOT_FOUND');
		expect(
			(
				await move(
					singleDate.id,
					{ date: '2026-11-20', startTime: '10:00', endTime: '11:00' },
					single.id
				)
			).code
		).toBe('INVALID_TRANSITION');
		expect(await datesOf(id)).toEqual(dates);

		// Script in a reason is text: stored as typed, escaped wherever it is shown.
		await cancelEventDate(db, {
			actor: content,
			eventId: id,
			occurrenceId: dates[3].id,
			input: { reason: '<script>alert(1)</script>' }
		});
		const { ics } = await eventCalendarFile(db, { origin: ORIGIN, slug: await getSlug(id) });
		expect(ics).toContain('<script>alert(1)</script>');
		const detail = await getEventBySlug(db, await getSlug(id));
		const jsonLd = eventJsonLd(detail, { url: `${ORIGIN}/x`, officeName: 'Büro' });
		expect(jsonLd).not.toContain('<');

		// Past dates stay as they were.
		setClock(new Date(dates[0].endsAt.getTime() + 60_000));
		expect(
			(
				await failure(
					cancelEventDate(db, {
						actor: content,
						eventId: id,
						occurrenceId: dates[0].id,
						input: { reason: '' }
					})
				)
			).details.message?.()
		).toMatch(/schon vorbei/);
	});

	const getSlug = async (id: number) =>
		(await db.select({ slug: events.slug }).from(events).where(eq(events.id, id)))[0].slug;

	it('moves one date: same id, new time, its room hold moves, a booking in the way is named', async () => {
		const { id, dates, slug } = await series();
		const date = dates[1]; // Thursday 19 November
		await moveEventDate(db, {
			actor: content,
			origin: ORIGIN,
			eventId: id,
			occurrenceId: date.id,
			input: moveInput({
				date: '2026-11-20',
				startTime: '17:00',
				endTime: '18:30',
				note: 'Diesmal freitags.'
			})
		});
		const moved = (await datesOf(id)).find((d) => d.id === date.id)!;
		expect(moved).toMatchObject({ moved: true, note: 'Diesmal freitags.' });
		expect(moved.startsAt.toISOString()).toBe('2026-11-20T16:00:00.000Z');
		expect(moved.originalStart).toEqual(date.originalStart);
		const holds = await holdsOf(id);
		expect(holds).toContain('2026-11-20T16:00:00.000Z');
		expect(holds).not.toContain(date.startsAt.toISOString());

		// The list shows it at its new time with the note.
		const listed = (await findUpcomingEvents(db, { pageSize: 200 })).days
			.flatMap((d) => d.dates)
			.find((d) => d.occurrenceId === date.id)!;
		expect(listed).toMatchObject({ moved: true, note: 'Diesmal freitags.' });
		expect(listed.startsAt.toISOString()).toBe('2026-11-20T16:00:00.000Z');
		expect(slug).toBeTruthy();

		// Another event holds the room on Saturday 17:00: moving there is refused at the date field.
		await createEvent(db, {
			actor: content,
			input: input({
				title: 'Flohmarkt',
				repeat: 'none',
				date: '2026-11-21',
				startTime: '16:00',
				endTime: '20:00'
			})
		});
		const taken = await failure(
			moveEventDate(db, {
				actor: content,
				origin: ORIGIN,
				eventId: id,
				occurrenceId: dates[2].id,
				input: moveInput({ date: '2026-11-21', startTime: '17:00', endTime: '18:00' })
			})
		);
		expect(taken.code).toBe('CONFLICT');
		expect(taken.fieldErrors?.date).toMatch(/21\. November 2026, 16:00–20:00 schon belegt/);
		expect((await datesOf(id)).find((d) => d.id === dates[2].id)).toEqual(dates[2]);
	});

	it('reinstating a date whose room was taken meanwhile names the booking; back at its time it is no longer moved', async () => {
		const { id, dates } = await series();
		const date = dates[7];
		await cancelEventDate(db, {
			actor: content,
			eventId: id,
			occurrenceId: date.id,
			input: { reason: '' }
		});
		const local = new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Europe/Berlin',
			dateStyle: 'short',
			timeStyle: 'short'
		});
		const [day, time] = local.format(date.startsAt).split(' ');
		await createEvent(db, {
			actor: content,
			input: input({
				title: 'Vereinssitzung',
				repeat: 'none',
				date: day,
				startTime: time,
				endTime: local.format(date.endsAt).split(' ')[1]
			})
		});
		const refused = await failure(
			reinstateEventDate(db, { actor: content, eventId: id, occurrenceId: date.id })
		);
		expect(refused.code).toBe('CONFLICT');
		expect(Object.values(refused.fieldErrors ?? {})[0]).toMatch(/schon belegt/);
		expect((await datesOf(id)).find((d) => d.id === date.id)?.cancelled).toBe(true);

		// Moved away and back: an exception no more.
		const other = dates[8];
		const [otherDay, otherStart] = local.format(other.startsAt).split(' ');
		const otherEnd = local.format(other.endsAt).split(' ')[1];
		await moveEventDate(db, {
			actor: content,
			origin: ORIGIN,
			eventId: id,
			occurrenceId: other.id,
			input: moveInput({ date: otherDay, startTime: '06:00', endTime: '06:30' })
		});
		expect((await datesOf(id)).find((d) => d.id === other.id)?.moved).toBe(true);
		await moveEventDate(db, {
			actor: content,
			origin: ORIGIN,
			eventId: id,
			occurrenceId: other.id,
			input: moveInput({ date: otherDay, startTime: otherStart, endTime: otherEnd })
		});
		expect((await datesOf(id)).find((d) => d.id === other.id)).toMatchObject({
			moved: false,
			startsAt: other.startsAt
		});
	});

	it('keeps cancellations and moves when the series is saved again or extended', async () => {
		const { id, dates } = await series({ repeatEnd: 'never', count: '' });
		await cancelEventDate(db, {
			actor: content,
			eventId: id,
			occurrenceId: dates[4].id,
			input: { reason: 'Ferien' }
		});
		await moveEventDate(db, {
			actor: content,
			origin: ORIGIN,
			eventId: id,
			occurrenceId: dates[5].id,
			input: moveInput({ date: '2026-12-18', startTime: '15:00', endTime: '16:00' })
		});
		const before = await datesOf(id);
		const slug = await getSlug(id);
		await updateEvent(db, {
			actor: content,
			id,
			input: input({
				title: 'Sprachcafé (neu)',
				repeatEnd: 'never',
				count: '',
				startTime: before[0].startsAt.getUTCHours() + 1 + ':00',
				endTime: before[0].startsAt.getUTCHours() + 1 + ':45',
				slug
			})
		});
		const after = await datesOf(id);
		expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));
		expect(after[4]).toMatchObject({ cancelled: true, cancelReason: 'Ferien' });
		expect(after[5]).toMatchObject({ moved: true, startsAt: before[5].startsAt });
		// The room: not on the cancelled date, at the new time of the moved one.
		const holds = await holdsOf(id);
		expect(holds).not.toContain(before[4].startsAt.toISOString());
		expect(holds).toContain(before[5].startsAt.toISOString());

		const later = new Date(NOW.getTime() + 30 * 86_400_000);
		setClock(later);
		await extendEventDatesJob.run({ db, now: later });
		const extended = await datesOf(id);
		expect(extended.length).toBeGreaterThan(after.length);
		expect(extended.find((d) => d.id === before[4].id)).toMatchObject({ cancelled: true });
		expect(extended.find((d) => d.id === before[5].id)?.startsAt).toEqual(before[5].startsAt);
	});

	it('splits a series at "this and following": old ends before, new one starts there with the change', async () => {
		const { id, dates } = await series();
		const slug = await getSlug(id);
		await cancelEventDate(db, {
			actor: content,
			eventId: id,
			occurrenceId: dates[6].id,
			input: { reason: 'Ferien' }
		});
		const hour = dates[0].startsAt.getUTCHours() + 1; // local = UTC + 1 in November
		const form = input({
			title: 'Sprachcafé Plus',
			startTime: `${hour}:00`,
			endTime: `${hour}:45`,
			slug
		});
		// Not a day of the series; no day at all.
		const wrong = await failure(
			updateEvent(db, {
				actor: content,
				id,
				input: form,
				scope: { scope: 'following', fromDate: '2026-11-27' }
			})
		);
		expect(wrong.fieldErrors?.fromDate).toMatch(/keinen Termin/);
		expect(
			(
				await failure(
					updateEvent(db, {
						actor: content,
						id,
						input: form,
						scope: { scope: 'following', fromDate: null }
					})
				)
			).fieldErrors?.fromDate
		).toBeTruthy();

		const sequence = await sequenceOf(id);
		const split = await updateEvent(db, {
			actor: content,
			id,
			input: form,
			scope: { scope: 'following', fromDate: '2026-12-03' }
		});
		expect(split.id).not.toBe(id);
		expect(split.slug).not.toBe(slug);
		const [oldEvent] = await db.select().from(events).where(eq(events.id, id));
		const [newEvent] = await db.select().from(events).where(eq(events.id, split.id));
		expect(oldEvent.title).toBe('Reihe ' + n);
		expect(oldEvent.rrule).toMatch(/UNTIL=20261203T\d{6}Z/);
		expect(oldEvent.rrule).not.toMatch(/COUNT/);
		expect(oldEvent.sequence).toBe(sequence + 1);
		expect(newEvent.title).toBe('Sprachcafé Plus');
		expect(newEvent.startsAt).toEqual(dates[3].startsAt);
		// 30 dates in all: 3 stay with the old event, 27 are the new one's.
		expect(newEvent.rrule).toBe('FREQ=WEEKLY;INTERVAL=1;COUNT=27');
		const oldDates = await datesOf(id);
		const newDates = await datesOf(split.id);
		expect(oldDates.map((d) => d.id)).toEqual(dates.slice(0, 3).map((d) => d.id));
		expect(newDates.map((d) => d.id)).toEqual(dates.slice(3).map((d) => d.id));
		expect(newDates[3]).toMatchObject({ cancelled: true, cancelReason: 'Ferien' });
		expect(await holdsOf(id)).toHaveLength(3);
		expect(await holdsOf(split.id)).toHaveLength(26);
		const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'event.split'));
		expect(audits.map((a) => a.entityId).sort()).toEqual([String(id), String(split.id)].sort());

		// From the first date, "this and following" is the whole series: no new event.
		const count = (await db.select().from(events)).length;
		const whole = await updateEvent(db, {
			actor: content,
			id: split.id,
			input: {
				...form,
				title: 'Sprachcafé Plus Plus',
				date: '2026-12-03',
				slug: split.slug,
				count: 27
			},
			scope: { scope: 'following', fromDate: '2026-12-03' }
		});
		expect(whole.id).toBe(split.id);
		expect((await db.select().from(events)).length).toBe(count);
	});

	it('lists a cancelled date as such, with reason, on the list, the event page and for staff', async () => {
		const { id, dates, slug } = await series();
		await cancelEventDate(db, {
			actor: content,
			eventId: id,
			occurrenceId: dates[0].id,
			input: { reason: 'Wasserschaden' }
		});
		const listed = (await findUpcomingEvents(db, { pageSize: 200 })).days
			.flatMap((d) => d.dates)
			.find((d) => d.occurrenceId === dates[0].id)!;
		expect(listed).toMatchObject({ dateCancelled: true, cancelReason: 'Wasserschaden' });
		const detail = await getEventBySlug(db, slug);
		expect(detail.nextDates[0]).toMatchObject({ cancelled: true, cancelReason: 'Wasserschaden' });
		// The JSON-LD points at the next date that takes place.
		const ld = JSON.parse(
			eventJsonLd(detail, { url: `${ORIGIN}/veranstaltungen/${slug}`, officeName: 'Büro' })
		);
		expect(ld.eventStatus).toBe('https://schema.org/EventScheduled');
		expect(new Date(ld.startDate)).toEqual(dates[1].startsAt);
		const staff = await findEventDates(db, { actor: content, eventId: id, limit: 5 });
		expect(staff.dates).toHaveLength(5);
		expect(staff.hasMore).toBe(true);
		expect(staff.dates[0]).toMatchObject({ cancelled: true });
	});

	it('writes overrides to the feeds: the cancelled date CANCELLED, the moved one at 19:00 local after DST', async () => {
		const created = await createEvent(db, {
			actor: content,
			input: input({
				title: 'Chor',
				date: '2027-03-04',
				startTime: '19:00',
				endTime: '20:30',
				count: '8',
				roomId: '',
				placeName: 'Pfarrheim'
			})
		});
		const dates = await datesOf(created.id);
		// 18 March (winter time) cancelled; 1 April (summer time) moved to Friday 2 April 19:00.
		const cancelled = dates.find(
			(d) => d.originalStart.toISOString() === '2027-03-18T18:00:00.000Z'
		)!;
		const moved = dates.find((d) => d.originalStart.toISOString() === '2027-04-01T17:00:00.000Z')!;
		await cancelEventDate(db, {
			actor: content,
			eventId: created.id,
			occurrenceId: cancelled.id,
			input: { reason: 'Krank' }
		});
		await moveEventDate(db, {
			actor: content,
			origin: ORIGIN,
			eventId: created.id,
			occurrenceId: moved.id,
			input: moveInput({
				date: '2027-04-02',
				startTime: '19:00',
				endTime: '20:30',
				note: 'Verlegt auf Freitag'
			})
		});
		const [row] = await db.select().from(events).where(eq(events.id, created.id));
		for (const { ics } of [
			await eventCalendarFile(db, { origin: ORIGIN, slug: created.slug }),
			await eventsFeed(db, { origin: ORIGIN, name: 'Kaster' })
		]) {
			const vcal = new ICAL.Component(ICAL.parse(ics));
			for (const tz of vcal.getAllSubcomponents('vtimezone')) {
				ICAL.TimezoneService.register(new ICAL.Timezone(tz));
			}
			const mine = vcal
				.getAllSubcomponents('vevent')
				.filter((v) => v.getFirstPropertyValue('uid') === `event-${created.id}@kaster.example.org`);
			expect(mine).toHaveLength(3);
			const master = mine.find((v) => !v.hasProperty('recurrence-id'))!;
			expect(String(master.getFirstPropertyValue('sequence'))).toBe(String(row.sequence));
			const event = new ICAL.Event(master);
			for (const v of mine.filter((v) => v.hasProperty('recurrence-id'))) event.relateException(v);
			const it = event.iterator();
			const seen: { local: string; status: string; utc: string }[] = [];
			for (let next = it.next(); next; next = it.next()) {
				const details = event.getOccurrenceDetails(next);
				const status = String(details.item.component.getFirstPropertyValue('status'));
				seen.push({
					local: details.startDate.toString(),
					utc: details.startDate.toJSDate().toISOString(),
					status
				});
			}
			expect(seen).toHaveLength(8);
			const onCancelled = seen.find((s) => s.utc === '2027-03-18T18:00:00.000Z')!;
			expect(onCancelled.status).toBe('CANCELLED');
			// 2 April, summer time: 19:00 local is 17:00 UTC.
			const onMoved = seen.find((s) => s.local.startsWith('2027-04-02'))!;
			expect(onMoved).toMatchObject({
				local: '2027-04-02T19:00:00',
				utc: '2027-04-02T17:00:00.000Z',
				status: 'CONFIRMED'
			});
			expect(seen.filter((s) => s.local.startsWith('2027-04-01'))).toHaveLength(0);
			expect(seen.every((s) => s.local.endsWith('T19:00:00'))).toBe(true);
		}
	});
});
