import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import { DomainError, sqlStateOf, type LazyMessage } from '../errors';
import { timeZone } from '../time';

/** The database refused a booking because it overlaps a holding one (`bookings_no_overlap`). */
export const isOverlap = (err: unknown): boolean => sqlStateOf(err) === '23P01';

/**
 * CONFLICT (409) that names the time the room is already busy, at the form's date field. By
 * default the requester's message; staff forms pass their own (`when` is the local time span).
 */
export function takenError(
	start: Date,
	end: Date,
	{
		field = 'date',
		message = (when) => () => m.rooms_error_taken({ when })
	}: { field?: string; message?: (when: string) => LazyMessage } = {}
): DomainError {
	const text = message(formatTimeSpan(start, end, { timeZone: timeZone() }));
	return new DomainError('CONFLICT', {
		message: text,
		fields: { [field]: text },
		detail: `room busy ${start.toISOString()}`
	});
}
