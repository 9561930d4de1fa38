import { Temporal } from 'temporal-polyfill';
import { m } from '$lib/paraglide/messages.js';
import { MAX_EVENT_DAYS } from '../db/schema';
import { checkRule, expandRule, type Occurrence, type RuleProblem } from '../calendar/recurrence';
import { fieldError, type LazyMessage } from '../errors';
import { localToInstant, now, timeZone } from '../time';
import {
	MAX_COUNT,
	MAX_INTERVAL,
	MAX_SERIES_YEARS,
	type EventInput,
	type RepeatChoice
} from './events.schemas';

/** Dates are materialised this far ahead; a job moves open series forward (see the plan). */
export const HORIZON_DAYS = 730;
/** Dates older than this are not kept when a series is (re)materialised. */
export const KEEP_PAST_DAYS = 400;
/** At most this many dates per event in the table (a weekly series for five years). */
export const MAX_OCCURRENCES = 300;
/** How far ahead a first date may lie: further is almost always a typo in the year. */
export const MAX_YEARS_AHEAD = 3;

const DAY_MS = 86_400_000;

export interface EventTimes {
	startsAt: Date;
	endsAt: Date;
	allDay: boolean;
	rrule: string | null;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The rule the repeat choice asks for, before checkRule (UNTIL still as a local date). */
function ruleFor(input: EventInput, first: Temporal.PlainDate): string | null {
	const repeat: RepeatChoice = input.repeat;
	if (repeat === 'none') return null;
	if (repeat === 'rule') {
		if (!input.rrule) throw fieldError('rrule', () => m.events_error_rule_missing());
		return input.rrule;
	}
	const interval = input.interval ?? 1;
	const weekday = WEEKDAYS[first.dayOfWeek - 1];
	let rule: string;
	if (repeat === 'weekly') {
		rule = `FREQ=WEEKLY;INTERVAL=${interval}`;
	} else if (repeat === 'monthly-day') {
		rule = `FREQ=MONTHLY;INTERVAL=${interval};BYMONTHDAY=${first.day}`;
	} else if (repeat === 'monthly-weekday') {
		const nth = Math.ceil(first.day / 7);
		if (nth > 4) throw fieldError('repeat', () => m.events_error_fifth_weekday());
		rule = `FREQ=MONTHLY;INTERVAL=${interval};BYDAY=${nth}${weekday}`;
	} else {
		if (first.day + 7 <= first.daysInMonth) {
			throw fieldError('repeat', () => m.events_error_not_last_weekday());
		}
		rule = `FREQ=MONTHLY;INTERVAL=${interval};BYDAY=-1${weekday}`;
	}
	if (input.repeatEnd === 'until') {
		if (!input.until) {
			throw fieldError('until', () => m.error_required({ field: m.events_field_until() }));
		}
		rule += `;UNTIL=${input.until.replaceAll('-', '')}`;
	} else if (input.repeatEnd === 'count') {
		if (!input.count) {
			throw fieldError('count', () => m.error_required({ field: m.events_field_count() }));
		}
		rule += `;COUNT=${input.count}`;
	}
	return rule;
}

function ruleProblem(problem: RuleProblem, input: EventInput): never {
	// A structured choice names the field it came from; a typed rule is one field.
	const typed = input.repeat === 'rule';
	const at = (name: string) => (typed ? 'rrule' : name);
	const fail = (name: string, message: LazyMessage): never => {
		throw fieldError(at(name), message);
	};
	switch (problem.kind) {
		case 'frequency':
			return fail('repeat', () => m.events_error_rule_frequency());
		case 'interval':
			return fail('interval', () => m.events_error_rule_interval({ max: problem.max }));
		case 'count':
			return fail('count', () => m.events_error_rule_count({ max: problem.max }));
		case 'until-before-start':
			return fail('until', () => m.events_error_until_before_start());
		case 'too-far':
			return fail('until', () => m.events_error_rule_too_far({ years: problem.years }));
		case 'part':
			return fail('rrule', () => m.events_error_rule_part({ part: problem.part }));
		default:
			return fail('rrule', () => m.events_error_rule_syntax());
	}
}

/**
 * The first date's instants and the RRULE from the form's input, in the configured zone. Throws
 * an INVALID field error with a German message for an impossible or unbounded input.
 */
export function resolveEventTimes(input: EventInput, zone = timeZone()): EventTimes {
	const first = Temporal.PlainDate.from(input.date);
	const lastDay = input.endDate ? Temporal.PlainDate.from(input.endDate) : first;
	if (Temporal.PlainDate.compare(lastDay, first) < 0) {
		throw fieldError('endDate', () => m.events_error_end_before_start());
	}
	let startsAt: Date;
	let endsAt: Date;
	if (input.allDay) {
		startsAt = new Date(first.toZonedDateTime(zone).epochMilliseconds);
		endsAt = new Date(lastDay.add({ days: 1 }).toZonedDateTime(zone).epochMilliseconds);
	} else {
		if (!input.startTime) {
			throw fieldError('startTime', () => m.error_required({ field: m.events_field_start_time() }));
		}
		if (!input.endTime) {
			throw fieldError('endTime', () => m.error_required({ field: m.events_field_end_time() }));
		}
		startsAt = localToInstant(`${input.date}T${input.startTime}`, zone)!;
		endsAt = localToInstant(`${lastDay.toString()}T${input.endTime}`, zone)!;
		if (endsAt.getTime() <= startsAt.getTime()) {
			throw fieldError('endTime', () => m.events_error_end_before_start());
		}
	}
	if (startsAt.getTime() > now().getTime() + MAX_YEARS_AHEAD * 366 * DAY_MS) {
		throw fieldError('date', () => m.events_error_too_far_ahead({ years: MAX_YEARS_AHEAD }));
	}
	if (endsAt.getTime() - startsAt.getTime() > MAX_EVENT_DAYS * DAY_MS) {
		throw fieldError('endDate', () => m.events_error_too_long({ days: MAX_EVENT_DAYS }));
	}
	const wanted = ruleFor(input, first);
	if (wanted === null) return { startsAt, endsAt, allDay: input.allDay, rrule: null };
	const checked = checkRule(wanted, startsAt, zone, {
		frequencies: ['WEEKLY', 'MONTHLY'],
		maxInterval: MAX_INTERVAL,
		maxCount: MAX_COUNT,
		maxYears: MAX_SERIES_YEARS
	});
	if (!checked.ok) ruleProblem(checked.problem, input);
	const times = { startsAt, endsAt, allDay: input.allDay, rrule: checked.rule };
	// Calendar apps count DTSTART as the first date even where the rule would not give it: a
	// first date that does not fit the rule would show there and not here.
	const [firstDate] = expandRule({
		rule: times.rrule,
		first: startsAt,
		firstEnd: endsAt,
		zone,
		until: new Date(startsAt.getTime() + 1),
		max: 1
	});
	if (!firstDate || firstDate.start.getTime() !== startsAt.getTime()) {
		throw fieldError(input.repeat === 'rule' ? 'rrule' : 'repeat', () =>
			m.events_error_rule_first_date()
		);
	}
	return times;
}

/** The dates to store for an event: from a year back up to the horizon, capped. */
export function materialise(
	times: EventTimes & { exdates: Date[] },
	zone = timeZone()
): { dates: Occurrence[]; lastEndsAt: Date; materialisedUntil: Date } {
	const at = now().getTime();
	// From today, or from a first date further ahead: such an event has dates to list too.
	const horizon = new Date(Math.max(at, times.startsAt.getTime()) + HORIZON_DAYS * DAY_MS);
	const dates = expandRule({
		rule: times.rrule,
		first: times.startsAt,
		firstEnd: times.endsAt,
		zone,
		exdates: times.exdates,
		from: new Date(at - KEEP_PAST_DAYS * DAY_MS),
		until: horizon,
		max: MAX_OCCURRENCES
	});
	// An open series goes on after the horizon: its feed entry must not drop out before it ends.
	const open = times.rrule !== null && !/(UNTIL|COUNT)=/.test(times.rrule);
	const lastEndsAt = open ? horizon : dates.length > 0 ? dates[dates.length - 1].end : times.endsAt;
	return { dates, lastEndsAt, materialisedUntil: horizon };
}
