// rrule-temporal works on the global Temporal, which Node does not have yet.
import 'temporal-polyfill/global';
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';

/*
 * Recurring dates (RFC 5545 RRULE) in a time zone, for any area: the rule is applied to the
 * wall-clock time of the first date in the zone, so a weekly 19:00 stays 19:00 across
 * daylight-saving changes. The expansion is always bounded (a horizon and a cap on dates).
 * Domain-neutral: callers turn the problems into their own messages.
 */

export interface Occurrence {
	/** The date as the rule gives it (RECURRENCE-ID). */
	originalStart: Date;
	start: Date;
	end: Date;
}

/** Why a rule text was refused. */
export type RuleProblem =
	| { kind: 'syntax' }
	| { kind: 'frequency'; freq: string }
	| { kind: 'part'; part: string }
	| { kind: 'interval'; max: number }
	| { kind: 'count'; max: number }
	| { kind: 'until-before-start' }
	| { kind: 'too-far'; years: number };

export interface RuleLimits {
	/** Frequencies accepted, e.g. ['WEEKLY', 'MONTHLY']. */
	frequencies: readonly string[];
	maxInterval: number;
	maxCount: number;
	/** UNTIL at most this many years after the first date. */
	maxYears: number;
}

const ALLOWED_PARTS = new Set([
	'FREQ',
	'INTERVAL',
	'UNTIL',
	'COUNT',
	'BYDAY',
	'BYMONTHDAY',
	'BYSETPOS',
	'WKST'
]);

/** `FREQ=WEEKLY;INTERVAL=2` → { FREQ: 'WEEKLY', INTERVAL: '2' }; null when it is not `K=V;…`. */
export function ruleParts(rule: string): Record<string, string> | null {
	const text = rule.trim().replace(/^RRULE:/i, '');
	if (!text || text.length > 300) return null;
	const parts: Record<string, string> = {};
	for (const piece of text.split(';')) {
		const match = /^([A-Z]+)=([A-Z0-9,+\-T]+)$/i.exec(piece.trim());
		if (!match) return null;
		const key = match[1].toUpperCase();
		if (key in parts) return null;
		parts[key] = match[2].toUpperCase();
	}
	return parts;
}

/** `20270101T000000Z` or `20270101` → the instant (a date alone: its end in the zone). */
function untilInstant(value: string, zone: string): Temporal.Instant | null {
	const utc = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	try {
		if (utc) {
			return Temporal.Instant.from(`${utc[1]}-${utc[2]}-${utc[3]}T${utc[4]}:${utc[5]}:${utc[6]}Z`);
		}
		const day = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
		if (day) {
			return Temporal.PlainDate.from(`${day[1]}-${day[2]}-${day[3]}`, { overflow: 'reject' })
				.add({ days: 1 })
				.toZonedDateTime(zone)
				.toInstant()
				.subtract({ seconds: 1 });
		}
	} catch {
		return null;
	}
	return null;
}

/**
 * Checks a rule against the limits before anything is expanded (FREQ=MINUTELY for a century is
 * refused here, not by running out of memory). Returns the normalised rule or the problem.
 */
export function checkRule(
	rule: string,
	first: Date,
	zone: string,
	limits: RuleLimits
): { ok: true; rule: string } | { ok: false; problem: RuleProblem } {
	const parts = ruleParts(rule);
	if (!parts || !parts.FREQ) return { ok: false, problem: { kind: 'syntax' } };
	if (!limits.frequencies.includes(parts.FREQ)) {
		return { ok: false, problem: { kind: 'frequency', freq: parts.FREQ } };
	}
	for (const key of Object.keys(parts)) {
		if (!ALLOWED_PARTS.has(key)) return { ok: false, problem: { kind: 'part', part: key } };
	}
	if (parts.INTERVAL !== undefined) {
		const interval = Number(parts.INTERVAL);
		if (!/^\d{1,3}$/.test(parts.INTERVAL) || interval < 1 || interval > limits.maxInterval) {
			return { ok: false, problem: { kind: 'interval', max: limits.maxInterval } };
		}
	}
	if (parts.COUNT !== undefined && parts.UNTIL !== undefined) {
		return { ok: false, problem: { kind: 'syntax' } };
	}
	if (parts.COUNT !== undefined) {
		const count = Number(parts.COUNT);
		if (!/^\d{1,6}$/.test(parts.COUNT) || count < 1 || count > limits.maxCount) {
			return { ok: false, problem: { kind: 'count', max: limits.maxCount } };
		}
	}
	if (parts.UNTIL !== undefined) {
		const until = untilInstant(parts.UNTIL, zone);
		if (!until) return { ok: false, problem: { kind: 'syntax' } };
		if (until.epochMilliseconds < first.getTime()) {
			return { ok: false, problem: { kind: 'until-before-start' } };
		}
		const latest = Temporal.Instant.fromEpochMilliseconds(first.getTime())
			.toZonedDateTimeISO(zone)
			.add({ years: limits.maxYears });
		if (until.epochMilliseconds > latest.epochMilliseconds) {
			return { ok: false, problem: { kind: 'too-far', years: limits.maxYears } };
		}
		// Stored in UTC, as RFC 5545 wants it with a zoned DTSTART.
		parts.UNTIL = `${until.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '')}`;
	}
	try {
		// The library is the judge of BYDAY and friends.
		new RRuleTemporal({ rruleString: withStart(serialise(parts), first, zone) });
	} catch {
		return { ok: false, problem: { kind: 'syntax' } };
	}
	return { ok: true, rule: serialise(parts) };
}

function serialise(parts: Record<string, string>): string {
	const { FREQ, ...rest } = parts;
	return [`FREQ=${FREQ}`, ...Object.entries(rest).map(([k, v]) => `${k}=${v}`)].join(';');
}

/** `20260105T190000` in the zone */
export function localStamp(instant: Date, zone: string): string {
	const local = Temporal.Instant.fromEpochMilliseconds(instant.getTime())
		.toZonedDateTimeISO(zone)
		.toPlainDateTime()
		.toString({ smallestUnit: 'second' });
	return local.replace(/[-:]/g, '');
}

function withStart(rule: string, first: Date, zone: string): string {
	return `DTSTART;TZID=${zone}:${localStamp(first, zone)}\nRRULE:${rule}`;
}

/**
 * The dates of a rule from `first` (whose duration every date keeps, in calendar terms: an
 * all-day date stays midnight to midnight across DST), without `exdates`, that end after `from`
 * and start before `until`; at most `max` dates, and never more than `max` steps of the rule are
 * walked past `until`. A rule of null gives the first date alone.
 */
export function expandRule({
	rule,
	first,
	firstEnd,
	zone,
	exdates = [],
	from,
	until,
	max
}: {
	rule: string | null;
	first: Date;
	firstEnd: Date;
	zone: string;
	exdates?: Date[];
	from?: Date;
	until: Date;
	max: number;
}): Occurrence[] {
	const zoned = (d: Date) =>
		Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(zone);
	const duration = zoned(first).until(zoned(firstEnd), { largestUnit: 'day' });
	const excluded = new Set(exdates.map((d) => d.getTime()));
	const fromMs = from?.getTime() ?? -Infinity;
	const untilMs = until.getTime();
	const keep = (start: Temporal.ZonedDateTime): Occurrence | null => {
		const startMs = start.epochMilliseconds;
		if (excluded.has(startMs)) return null;
		const end = start.add(duration);
		if (end.epochMilliseconds <= fromMs) return null;
		return {
			originalStart: new Date(startMs),
			start: new Date(startMs),
			end: new Date(end.epochMilliseconds)
		};
	};
	if (!rule) {
		const only = keep(zoned(first));
		return only && first.getTime() < untilMs ? [only] : [];
	}
	const result: Occurrence[] = [];
	const recurrence = new RRuleTemporal({
		rruleString: withStart(rule, first, zone),
		maxIterations: 10_000
	});
	recurrence.all((date, i) => {
		if (date.epochMilliseconds >= untilMs || result.length >= max || i > 5 * max) return false;
		const occurrence = keep(date);
		if (occurrence) result.push(occurrence);
		return true;
	});
	return result;
}
