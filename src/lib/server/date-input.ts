/**
 * Pure parsing of what date and time inputs send: the ISO value of `<input type=date|time>` and,
 * where a browser shows those inputs as plain text fields, what people type in German. No time
 * zones here: a date is a calendar day, a time a wall-clock time (the time module combines them).
 */

/** Why a value was refused; the field builders turn this into a German message. */
export type DateInputProblem = 'format' | 'no-such-date' | 'year-range';
export type TimeInputProblem = 'format' | 'no-such-time';

export type Parsed<T, P> = { ok: true; value: T } | { ok: false; problem: P };

/** Years outside this range are almost always a typo (0202, 20266) rather than a real plan. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

// Longer than any way of writing a date or time: refused before any pattern runs.
const MAX_INPUT = 32;

// Only ASCII digits: \d without the u flag, and anything else (Arabic-Indic, full-width digits)
// is a format problem with a clear message rather than a guess.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN_DATE = /^(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?(\d{4})$/;
const ISO_OR_GERMAN_TIME = /^(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:\s?Uhr)?$/i;
const HOUR_ONLY = /^(\d{1,2})\s?Uhr$/i;

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads `2026-11-29` (what browsers send) or `29.11.2026` / `1.2.2026` (typed) and returns the
 * ISO calendar date `yyyy-mm-dd`. Two-digit years are refused: "26" could be 1926 or 2026.
 */
export function parseDateInput(input: string): Parsed<string, DateInputProblem> {
	const s = input.trim();
	if (s.length > MAX_INPUT) return { ok: false, problem: 'format' };
	let parts: [number, number, number] | null = null;
	const iso = ISO_DATE.exec(s);
	if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	const german = iso ? null : GERMAN_DATE.exec(s);
	if (german) parts = [Number(german[3]), Number(german[2]), Number(german[1])];
	if (!parts) return { ok: false, problem: 'format' };
	const [year, month, day] = parts;
	if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, problem: 'year-range' };
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		return { ok: false, problem: 'no-such-date' };
	}
	return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * Reads `09:30` or `09:30:00` (what browsers send) or `9:30`, `09.30`, `9.30 Uhr`, `9 Uhr` (typed)
 * and returns `hh:mm`. Seconds are dropped: our forms ask for minutes. 24:00 is refused; the end
 * of a day is 23:59 or 00:00 of the next.
 */
export function parseTimeInput(input: string): Parsed<string, TimeInputProblem> {
	const s = input.trim();
	if (s.length > MAX_INPUT) return { ok: false, problem: 'format' };
	const full = ISO_OR_GERMAN_TIME.exec(s);
	const hourOnly = full ? null : HOUR_ONLY.exec(s);
	if (!full && !hourOnly) return { ok: false, problem: 'format' };
	const hours = Number((full ?? hourOnly)![1]);
	const minutes = full ? Number(full[2]) : 0;
	const seconds = full?.[3] ? Number(full[3]) : 0;
	if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, problem: 'no-such-time' };
	return { ok: true, value: `${pad(hours)}:${pad(minutes)}` };
}

/** `2026-11-29` → `29.11.2026`, for showing a stored date in a text field or a message. */
export function formatGermanDate(isoDate: string): string {
	const match = ISO_DATE.exec(isoDate);
	return match ? `${match[3]}.${match[2]}.${match[1]}` : isoDate;
}
