import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { checkRule, expandRule } from './recurrence';
import { foldLine, icsDocument, vtimezone } from './ics';

/*
 * Pure tests (no database): they run under TZ=UTC (PGlite phase) and TZ=Europe/Berlin (PostgreSQL
 * phase), and must give the same instants under both — nothing here may use the process zone.
 */

const ZONE = 'Europe/Berlin';
const LIMITS = { frequencies: ['WEEKLY', 'MONTHLY'], maxInterval: 12, maxCount: 260, maxYears: 5 };
const berlin = (d: Date) =>
	new Intl.DateTimeFormat('de-DE', {
		timeZone: ZONE,
		weekday: 'short',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).format(d);

function expand(rule: string | null, first: string, end: string, until = '2028-01-01T00:00:00Z') {
	return expandRule({
		rule,
		first: new Date(first),
		firstEnd: new Date(end),
		zone: ZONE,
		until: new Date(until),
		max: 300
	});
}

describe('recurrence in Europe/Berlin', () => {
	it('keeps a weekly 19:00 at 19:00 across both DST weekends of 2026', () => {
		// Thursday 2026-03-19 19:00 CET (18:00 UTC) to 2026-11-05.
		const dates = expand(
			'FREQ=WEEKLY;UNTIL=20261105T225959Z',
			'2026-03-19T18:00:00Z',
			'2026-03-19T20:00:00Z'
		);
		expect(dates.map((d) => berlin(d.start))).toContain('Do., 26.03.2026, 19:00');
		expect(dates.map((d) => berlin(d.start))).toContain('Do., 02.04.2026, 19:00');
		expect(dates.map((d) => berlin(d.start))).toContain('Do., 29.10.2026, 19:00');
		for (const d of dates) {
			expect(berlin(d.start)).toMatch(/^Do\., .*, 19:00$/);
			expect(d.end.getTime() - d.start.getTime()).toBe(2 * 3_600_000);
		}
		// Before the spring change 18:00 UTC, after it 17:00 UTC, after the autumn change 18:00 again.
		expect(dates[1].start.toISOString()).toBe('2026-03-26T18:00:00.000Z');
		expect(dates[2].start.toISOString()).toBe('2026-04-02T17:00:00.000Z');
		expect(dates.at(-1)!.start.toISOString()).toBe('2026-11-05T18:00:00.000Z');
		expect(dates).toHaveLength(34);
	});

	it('keeps an event on the DST night itself at its wall-clock times', () => {
		// Saturday 2026-10-24 22:00 to Sunday 02:00 lasts 5 real hours over the autumn change.
		const [night] = expand(null, '2026-10-24T20:00:00Z', '2026-10-25T01:00:00Z');
		expect(night.end.getTime() - night.start.getTime()).toBe(5 * 3_600_000);
		// Weekly from Saturday 2026-03-21 23:00: the next one (28th) spans the spring change.
		const spring = expand(
			'FREQ=WEEKLY;COUNT=2',
			'2026-03-21T22:00:00Z',
			'2026-03-22T02:00:00Z' // 23:00–03:00 local, 4 h
		);
		expect(berlin(spring[1].start)).toBe('Sa., 28.03.2026, 23:00');
		// It keeps its 4 real hours, as calendar apps compute it (RFC 5545: the time part of a
		// duration is exact, the day part nominal), so it ends at 04:00 on the night clocks go on.
		expect(berlin(spring[1].end)).toBe('So., 29.03.2026, 04:00');
	});

	it('repeats every n weeks, monthly on a day, on the n-th and on the last weekday', () => {
		const twoWeeks = expand(
			'FREQ=WEEKLY;INTERVAL=2;COUNT=3',
			'2026-12-01T13:30:00Z',
			'2026-12-01T15:30:00Z'
		);
		expect(twoWeeks.map((d) => berlin(d.start))).toEqual([
			'Di., 01.12.2026, 14:30',
			'Di., 15.12.2026, 14:30',
			'Di., 29.12.2026, 14:30'
		]);
		const day = expand(
			'FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3',
			'2026-12-31T17:00:00Z',
			'2026-12-31T18:00:00Z'
		);
		// Months without a 31st are skipped (RFC 5545), not moved.
		expect(day.map((d) => berlin(d.start).slice(5, 15))).toEqual([
			'31.12.2026',
			'31.01.2027',
			'31.03.2027'
		]);
		const firstSaturday = expand(
			'FREQ=MONTHLY;BYDAY=1SA;COUNT=4',
			'2026-12-05T09:00:00Z',
			'2026-12-05T12:00:00Z'
		);
		expect(firstSaturday.map((d) => berlin(d.start))).toEqual([
			'Sa., 05.12.2026, 10:00',
			'Sa., 02.01.2027, 10:00',
			'Sa., 06.02.2027, 10:00',
			'Sa., 06.03.2027, 10:00'
		]);
		const lastFriday = expand(
			'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270430T215959Z',
			'2027-01-29T17:00:00Z',
			'2027-01-29T19:00:00Z'
		);
		expect(lastFriday.map((d) => berlin(d.start).slice(5, 15))).toEqual([
			'29.01.2027',
			'26.02.2027',
			'26.03.2027',
			'30.04.2027'
		]);
	});

	it('is bounded by the horizon, the cap and the exceptions', () => {
		const open = expand(
			'FREQ=WEEKLY',
			'2026-12-03T16:00:00Z',
			'2026-12-03T18:00:00Z',
			'2027-01-01T00:00:00Z'
		);
		expect(open).toHaveLength(5);
		const capped = expandRule({
			rule: 'FREQ=WEEKLY',
			first: new Date('2026-12-03T16:00:00Z'),
			firstEnd: new Date('2026-12-03T18:00:00Z'),
			zone: ZONE,
			until: new Date('2100-01-01T00:00:00Z'),
			max: 10
		});
		expect(capped).toHaveLength(10);
		const without = expandRule({
			rule: 'FREQ=WEEKLY;COUNT=3',
			first: new Date('2026-12-03T16:00:00Z'),
			firstEnd: new Date('2026-12-03T18:00:00Z'),
			zone: ZONE,
			exdates: [new Date('2026-12-10T16:00:00Z')],
			until: new Date('2028-01-01T00:00:00Z'),
			max: 10
		});
		// COUNT counts the rule's dates; the exception removes one of them.
		expect(without.map((d) => d.start.toISOString().slice(0, 10))).toEqual([
			'2026-12-03',
			'2026-12-17'
		]);
	});

	it('refuses absurd and unreadable rules before expanding anything', () => {
		const first = new Date('2026-12-03T16:00:00Z');
		const check = (rule: string) => checkRule(rule, first, ZONE, LIMITS);
		expect(check('FREQ=MINUTELY;UNTIL=21261231T000000Z')).toEqual({
			ok: false,
			problem: { kind: 'frequency', freq: 'MINUTELY' }
		});
		expect(check('FREQ=DAILY')).toMatchObject({ ok: false, problem: { kind: 'frequency' } });
		expect(check('FREQ=WEEKLY;UNTIL=21261231T000000Z')).toMatchObject({
			ok: false,
			problem: { kind: 'too-far', years: 5 }
		});
		expect(check('FREQ=WEEKLY;COUNT=100000')).toMatchObject({
			ok: false,
			problem: { kind: 'count' }
		});
		expect(check('FREQ=WEEKLY;INTERVAL=0')).toMatchObject({
			ok: false,
			problem: { kind: 'interval' }
		});
		expect(check('FREQ=WEEKLY;BYHOUR=1,2,3')).toMatchObject({
			ok: false,
			problem: { kind: 'part', part: 'BYHOUR' }
		});
		expect(check('FREQ=WEEKLY;UNTIL=20261101')).toMatchObject({
			ok: false,
			problem: { kind: 'until-before-start' }
		});
		for (const bad of [
			'',
			'hello',
			'FREQ=WEEKLY;;',
			'FREQ=WEEKLY;COUNT=2;UNTIL=20270101',
			'INTERVAL=2',
			'FREQ=MONTHLY;BYDAY=9XX'
		]) {
			expect(check(bad), bad).toMatchObject({ ok: false });
		}
		// A date-only UNTIL is the end of that local day, stored in UTC.
		expect(check('rrule:freq=weekly;until=20270107')).toEqual({
			ok: true,
			rule: 'FREQ=WEEKLY;UNTIL=20270107T225959Z'
		});
	});
});

describe('iCalendar pieces', () => {
	it('folds at 75 octets without splitting a UTF-8 character', () => {
		const line = `SUMMARY:${'ä'.repeat(50)}🎉${'x'.repeat(30)}`;
		const folded = foldLine(line);
		for (const part of folded.split('\r\n')) {
			expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
		}
		expect(folded.replace(/\r\n /g, '')).toBe(line);
		expect(Buffer.from(folded).toString('utf8')).not.toContain('\uFFFD');
	});

	it('writes a VTIMEZONE that ical.js converts like the zone database', () => {
		const ics = icsDocument({
			prodId: '-//Test//DE',
			components: [
				...vtimezone(ZONE, new Date('2026-01-01T00:00:00Z'), new Date('2027-12-31T00:00:00Z')),
				'BEGIN:VEVENT',
				'UID:a@test',
				'DTSTAMP:20260101T000000Z',
				'DTSTART;TZID=Europe/Berlin:20260319T190000',
				'DTEND;TZID=Europe/Berlin:20260319T210000',
				'RRULE:FREQ=WEEKLY;COUNT=40',
				'SUMMARY:Sprachcafé',
				'END:VEVENT'
			]
		});
		expect(ics).not.toMatch(/METHOD/);
		const root = new ICAL.Component(ICAL.parse(ics));
		for (const tz of root.getAllSubcomponents('vtimezone')) {
			ICAL.TimezoneService.register(tz);
		}
		const event = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
		const iterator = event.iterator();
		const starts: string[] = [];
		for (let next = iterator.next(); next; next = iterator.next()) {
			starts.push(next.toJSDate().toISOString());
		}
		ICAL.TimezoneService.reset();
		expect(starts).toHaveLength(40);
		const ours = expand('FREQ=WEEKLY;COUNT=40', '2026-03-19T18:00:00Z', '2026-03-19T20:00:00Z');
		expect(starts).toEqual(ours.map((d) => d.start.toISOString()));
	});
});
