import { Temporal } from 'temporal-polyfill';
import { timeZone } from '../time';
import type { BookingRequestForm } from './rooms.schemas';
import { expandRequestedDates, seriesRule, type Repeat, type Slot } from './series';

/** The repetition the form asks for, for `expandRequestedDates`. */
export function repeatOf(form: Pick<BookingRequestForm, 'repeat' | 'interval' | 'until'>): Repeat {
	if (form.repeat === 'once') return { kind: 'once' };
	return {
		kind: 'weekly',
		interval: form.repeat === 'weekly' ? 1 : Number(form.interval),
		until: form.until ?? ''
	};
}

/**
 * The dates the request form asks for (a field error with a German message for impossible or
 * unbounded input) and, for a series, its RFC 5545 text to store with the request.
 */
export function datesOfForm(
	form: BookingRequestForm,
	zone = timeZone()
): {
	slots: Slot[];
	rule: string | null;
} {
	const repeat = repeatOf(form);
	const slots = expandRequestedDates({ ...form, repeat }, zone);
	if (repeat.kind === 'once') return { slots, rule: null };
	// expandRequestedDates has checked the date, the time and the end of the series: they parse.
	const rule = seriesRule(
		Temporal.PlainDate.from(form.date),
		Temporal.PlainTime.from(form.startTime),
		zone,
		repeat.interval,
		Temporal.PlainDate.from(repeat.until)
	);
	return { slots, rule };
}
