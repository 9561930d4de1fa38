import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import { expectParsersAgree } from '$tests/helpers/ics-parsers';
import type { Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import { events } from '../db/schema';
import { parseFormData } from '../form';
import { unchangedSince } from '../ops/compression';
import { buildSitemap } from '../site/build-sitemap';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { monthPeriod, monthWeeks, weekPeriod } from './calendar-periods';
import { cancelEvent } from './cancel-event';
import { createEvent } from './create-event';
import { buildEventsAtom } from './events-atom';
import { getEventForApi, listEventsForApi, parseEventsApiQuery } from './events-api';
import { eventCalendarFile, eventsFeed } from './events-feed';
import { eventInputSchema, type EventInput } from './events.schemas';
import { findPeriodEvents, printSheetExtras } from './find-period-events';

/*
 * The calendar's other faces: the JSON API (query, paging, bad parameters), the month and print
 * views' periods, the Atom feed of new events, the sitemap, and the iCalendar feeds read by two
 * independent parsers.
 */

// A Monday morning in Kaster (as events.test.ts): the examples start this week.
const NOW = new Date('2026-11-02T09:00:00Z');
const ORIGIN = 'https://kaster.example.org';

const query = (qs: string) => parseEventsApiQuery(new URLSearchParams(qs));

describe('events API query', () => {
	it('reads good parameters and refuses bad ones with a German message per parameter', () => {
		expect(query('from=2026-11-01&to=2026-11-30&q=Kaffee&category=kultur&page=2')).toEqual({
			ok: true,
			query: { from: '2026-11-01', to: '2026-11-30', q: 'Kaffee', category: 'kultur', page: 2 }
		});
		expect(query('from=&category=')).toEqual({ ok: true, query: {} });
		const bad: [string, string, RegExp][] = [
			['from=2026-13-01', 'from', /JJJJ-MM-TT/],
			['from=2026-02-30', 'from', /JJJJ-MM-TT/],
			['to=morgen', 'to', /JJJJ-MM-TT/],
			['from=2026-11-10&to=2026-11-01', 'to', /nicht vor „from“/],
			['from=2026-01-01&to=2030-01-01', 'to', /höchstens 1098 Tage/],
			['category=quatsch', 'category', /Kategorie gibt es nicht/],
			['page=0', 'page', /ganze Zahl von 1 bis 200/],
			['page=abc', 'page', /ganze Zahl/],
			['page=1.5', 'page', /ganze Zahl/],
			['page=201', 'page', /ganze Zahl/],
			['q=' + 'x'.repeat(101), 'q', /höchstens 100 Zeichen/],
			['seite=2', 'seite', /Parameter kennt die Schnittstelle nicht/],
			['page=1&page=2', 'page', /nur einmal/]
		];
		for (const [qs, field, message] of bad) {
			const result = query(qs);
			expect(result.ok, qs).toBe(false);
			if (!result.ok) expect(result.fields[field], qs).toMatch(message);
		}
	});

	it('answers If-Modified-Since only without If-None-Match, to the second', () => {
		const modified = new Date('2026-11-02T09:00:00.700Z').toUTCString();
		expect(unchangedSince('Mon, 02 Nov 2026 09:00:00 GMT', null, modified)).toBe(true);
		expect(unchangedSince('Mon, 02 Nov 2026 08:59:59 GMT', null, modified)).toBe(false);
		expect(unchangedSince('Mon, 02 Nov 2026 09:00:00 GMT', '"x"', modified)).toBe(false);
		expect(unchangedSince('gestern', null, modified)).toBe(false);
		expect(unchangedSince('Mon, 02 Nov 2026 09:00:00 GMT', null, null)).toBe(false);
	});
});

describe('calendar periods', () => {
	it('reads months and ISO weeks strictly, with their neighbours and local bounds', () => {
		const march = monthPeriod('2027-03', 'Europe/Berlin')!;
		expect(march.start.toISOString()).toBe('2027-02-28T23:00:00.000Z');
		// The month ends in summer time.
		expect(march.end.toISOString()).toBe('2027-03-31T22:00:00.000Z');
		expect([march.previous, march.next]).toEqual(['2027-02', '2027-04']);
		expect(monthPeriod('2026-12')!.next).toBe('2027-01');
		for (const bad of ['2026-13', '2026-00', '26-11', '2026-1', '99999-01', '1999-12', 'x']) {
			expect(monthPeriod(bad), bad).toBeNull();
		}
		const w1 = weekPeriod('2026-W01', 'Europe/Berlin')!;
		expect([w1.first, w1.last]).toEqual(['2025-12-29', '2026-01-04']);
		expect(w1.previous).toBe('2025-W52');
		expect(weekPeriod('2026-W53')!.next).toBe('2027-W01');
		expect(weekPeriod('2027-W53')).toBeNull();
		expect(weekPeriod('2026-W00')).toBeNull();
		expect(weekPeriod('2026-48')).toBeNull();
		// November 2026 begins on a Sunday: six rows, Monday first.
		const weeks = monthWeeks(monthPeriod('2026-11')!);
		expect(weeks).toHaveLength(6);
		expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
		expect(weeks[5][0]).toBe('2026-11-30');
		expect(weeks.every((w) => w.length === 7)).toBe(true);
	});
});

describe('events feeds, API, month and print views', () => {
	let database: Database;
	let db: Db;
	let content: Actor;

	function input(over: Record<string, string | string[]> = {}): EventInput {
		const data = new FormData();
		const fields: Record<string, string | string[]> = {
			title: 'Spieleabend',
			description: 'Brettspiele für alle.',
			date: '2026-11-12',
			startTime: '19:00',
			endTime: '21:00',
			repeat: 'none',
			placeName: 'Pfarrheim St. Rochus',
			placeAddress: 'Kirchstraße 1, 50181 Bedburg',
			categories: ['kultur'],
			targetGroups: ['alle'],
			languages: ['de'],
			isFree: 'on',
			...over
		};
		for (const [key, value] of Object.entries(fields)) {
			for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
		}
		const parsed = parseFormData(data, eventInputSchema);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		return parsed.data;
	}

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		setClock(NOW);
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(() => setClock(NOW));
	afterEach(() => resetClock());

	it('lists published dates by page, with offsets, links and the latest change', async () => {
		const first = await listEventsForApi(db, {}, { origin: ORIGIN });
		const items = first.body.items;
		expect(items).toHaveLength(50);
		expect(first.body.links).toEqual({
			self: `${ORIGIN}/api/v1/events`,
			next: `${ORIGIN}/api/v1/events?page=2`,
			previous: null
		});
		const starts = items.map((i) => Date.parse(i.start));
		expect(starts).toEqual([...starts].sort((a, b) => a - b));
		const cafe = items.find((i) => i.slug === 'sprachcafe')!;
		expect(cafe).toMatchObject({
			title: 'Sprachcafé',
			status: 'scheduled',
			start: '2026-11-05T17:00:00+01:00',
			url: `${ORIGIN}/veranstaltungen/sprachcafe`,
			ics: `${ORIGIN}/veranstaltungen/sprachcafe.ics`,
			organiser: { slug: 'sprachcafe-team-kaster' }
		});
		expect(cafe.place.name).toMatch(/^Gruppenraum/);
		expect(first.lastModified).toBeInstanceOf(Date);

		const second = await listEventsForApi(db, { page: 2 }, { origin: ORIGIN });
		expect(second.body.links.previous).toBe(`${ORIGIN}/api/v1/events`);
		expect(Date.parse(second.body.items[0].start)).toBeGreaterThanOrEqual(starts.at(-1)!);

		// Summer time: 17:00 stays 17:00, with the summer offset.
		const april = await listEventsForApi(
			db,
			{ from: '2027-04-01', to: '2027-04-30', category: 'bildung' },
			{ origin: ORIGIN }
		);
		expect(april.body.items.map((i) => i.start)).toEqual([
			'2027-04-01T17:00:00+02:00',
			'2027-04-08T17:00:00+02:00',
			'2027-04-15T17:00:00+02:00',
			'2027-04-22T17:00:00+02:00',
			'2027-04-29T17:00:00+02:00'
		]);
		expect(april.body.links.self).toBe(
			`${ORIGIN}/api/v1/events?from=2027-04-01&to=2027-04-30&category=bildung`
		);
		expect(april.body.links.next).toBeNull();
		const search = await listEventsForApi(db, { q: 'reparieren' }, { origin: ORIGIN });
		expect(new Set(search.body.items.map((i) => i.slug))).toEqual(new Set(['repair-cafe']));
		const nothing = await listEventsForApi(db, { page: 200 }, { origin: ORIGIN });
		expect(nothing.body).toMatchObject({ items: [], links: { next: null } });
		expect(nothing.lastModified).toBeNull();
	});

	it('keeps a cancelled event with its status and never shows one not yet published', async () => {
		const cancelled = await createEvent(db, {
			actor: content,
			input: input({ title: 'Laternenumzug', date: '2026-11-11', startTime: '17:00' })
		});
		await cancelEvent(db, { actor: content, id: cancelled.id });
		const hidden = await createEvent(db, {
			actor: content,
			input: input({ title: 'Geheimer Vorschlag', date: '2026-11-11' })
		});
		await db.update(events).set({ moderation: 'pending' }).where(eq(events.id, hidden.id));

		const day = await listEventsForApi(
			db,
			{ from: '2026-11-11', to: '2026-11-11' },
			{ origin: ORIGIN }
		);
		const onThatDay = day.body.items.map((i) => [i.slug, i.status]);
		expect(onThatDay).toContainEqual(['laternenumzug', 'cancelled']);
		expect(onThatDay.map(([slug]) => slug)).not.toContain('geheimer-vorschlag');
		const [row] = await db.select().from(events).where(eq(events.id, cancelled.id));
		expect(day.lastModified!.getTime()).toBeGreaterThanOrEqual(row.updatedAt.getTime());

		const one = await getEventForApi(db, 'laternenumzug', { origin: ORIGIN });
		expect(one.body).toMatchObject({
			slug: 'laternenumzug',
			status: 'cancelled',
			start: '2026-11-11T17:00:00+01:00',
			end: '2026-11-11T21:00:00+01:00',
			rrule: null,
			place: { name: 'Pfarrheim St. Rochus', address: 'Kirchstraße 1, 50181 Bedburg' },
			organiser: null
		});
		expect(one.lastModified).toEqual(row.updatedAt);
		const series = await getEventForApi(db, 'sprachcafe', { origin: ORIGIN });
		expect(series.body.rrule).toBe('FREQ=WEEKLY;INTERVAL=1');
		expect(series.body.dates[0]).toEqual({
			start: '2026-11-05T17:00:00+01:00',
			end: '2026-11-05T19:00:00+01:00'
		});
		for (const slug of ['geheimer-vorschlag', 'gibt-es-nicht', '../etc', 'A'.repeat(300)]) {
			expect((await failure(getEventForApi(db, slug, { origin: ORIGIN }))).code, slug).toBe(
				'NOT_FOUND'
			);
		}

		// The month and print views: the same published dates, filters applied.
		const november = await findPeriodEvents(db, monthPeriod('2026-11')!);
		const titles = november.days.flatMap((d) => d.dates.map((x) => x.title));
		expect(titles).toContain('Laternenumzug');
		expect(titles).not.toContain('Geheimer Vorschlag');
		expect(november.days.find((d) => d.date === '2026-11-05')!.dates[0].title).toBe('Sprachcafé');
		const repair = await findPeriodEvents(db, monthPeriod('2026-11')!, { kategorie: 'umwelt' });
		expect(repair.days.map((d) => d.date)).toEqual(['2026-11-07']);
		const week = await findPeriodEvents(db, weekPeriod('2026-W46')!);
		expect(week.days[0].date >= '2026-11-09').toBe(true);
		expect(week.days.at(-1)!.date <= '2026-11-15').toBe(true);
		expect(
			week.days.flatMap((d) => d.dates).find((x) => x.title === 'Laternenumzug')
		).toMatchObject({
			status: 'cancelled',
			placeLine: 'Pfarrheim St. Rochus, Kirchstraße 1, 50181 Bedburg'
		});
		const extras = await printSheetExtras(db, { calendarUrl: `${ORIGIN}/veranstaltungen` });
		expect(extras.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
		expect(extras.contact.officeName).toBeTruthy();
	});

	it('refuses the addresses of the month and print views as slugs', async () => {
		const taken = await failure(
			createEvent(db, { actor: content, input: input({ slug: 'druck' }) })
		);
		expect(taken.fieldErrors?.slug).toBeTruthy();
		const made = await createEvent(db, { actor: content, input: input({ title: 'Monat' }) });
		expect(made.slug).toBe('monat-2');
	});

	it('writes an Atom feed of new events and lists coming events and groups in the sitemap', async () => {
		const { xml, lastModified } = await buildEventsAtom(db, {
			origin: ORIGIN,
			officeName: 'Quartiersbüro Kaster',
			title: 'Neue Veranstaltungen'
		});
		expect(xml).toMatch(/^<\?xml/);
		expect(xml).toContain(`<link rel="self" href="${ORIGIN}/veranstaltungen.atom"/>`);
		expect(xml).toContain(`href="${ORIGIN}/veranstaltungen/sprachcafe"`);
		expect(xml).toContain('Abgesagt: Laternenumzug');
		expect(xml).not.toContain('Geheimer Vorschlag');
		expect(xml).toMatch(/<id>tag:kaster\.example\.org,2026:veranstaltungen\/\d+<\/id>/);
		expect(lastModified).toBeInstanceOf(Date);

		const sitemap = await buildSitemap(db, ORIGIN);
		expect(sitemap).toContain(`<loc>${ORIGIN}/veranstaltungen</loc>`);
		expect(sitemap).toContain(`<loc>${ORIGIN}/veranstaltungen/sprachcafe</loc>`);
		expect(sitemap).toContain(`<loc>${ORIGIN}/gruppen/repair-cafe-kaster</loc>`);
		expect(sitemap).not.toContain('geheimer-vorschlag');
	});

	it('writes feeds that ical.js and node-ical expand alike: 19:00 stays 19:00 across DST', async () => {
		// Weekly at 19:00 across the spring change (28 March 2027), and across autumn's.
		await createEvent(db, {
			actor: content,
			input: input({
				title: 'Chorprobe',
				date: '2027-03-11',
				repeat: 'weekly',
				repeatEnd: 'count',
				count: '6'
			})
		});
		await createEvent(db, {
			actor: content,
			input: input({
				title: 'Lauftreff',
				date: '2026-11-03',
				startTime: '08:00',
				endTime: '09:00',
				repeat: 'weekly',
				interval: '2',
				repeatEnd: 'until',
				until: '2027-11-30'
			})
		});
		const window = [new Date('2026-10-01T00:00:00Z'), new Date('2027-12-31T00:00:00Z')] as const;
		const { ics } = await eventsFeed(db, { origin: ORIGIN, name: 'Veranstaltungen' });
		const read = expectParsersAgree(ics, ...window);
		const [choir] = await db.select().from(events).where(eq(events.title, 'Chorprobe'));
		const starts = read.get(`event-${choir.id}@kaster.example.org`)!;
		const local = new Intl.DateTimeFormat('de-DE', {
			timeZone: 'Europe/Berlin',
			hour: '2-digit',
			minute: '2-digit'
		});
		expect(starts).toHaveLength(6);
		expect(starts.map((s) => local.format(new Date(s)))).toEqual(Array(6).fill('19:00'));
		expect(starts[0]).toBe('2027-03-11T18:00:00.000Z');
		expect(starts[5]).toBe('2027-04-15T17:00:00.000Z');
		const [run] = await db.select().from(events).where(eq(events.title, 'Lauftreff'));
		const runs = read.get(`event-${run.id}@kaster.example.org`)!;
		expect(runs.map((s) => local.format(new Date(s)))).toEqual(Array(runs.length).fill('08:00'));
		expect(runs).toContain('2027-10-19T06:00:00.000Z');
		expect(runs).toContain('2027-11-02T07:00:00.000Z');

		for (const slug of ['sprachcafe', 'repair-cafe', 'laternenumzug']) {
			const one = await eventCalendarFile(db, { origin: ORIGIN, slug });
			expect([...expectParsersAgree(one.ics, ...window).keys()], slug).toHaveLength(1);
		}
	});
});
