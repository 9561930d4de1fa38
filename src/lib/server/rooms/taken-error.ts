import { m } from '$lib/paraglide/messages.js';
import { formatTimeSpan } from '$lib/format';
import { DomainError } from '../errors';
import { timeZone } from '../time';

/** CONFLICT (409) that names the time the room is already busy, at the form's date field. */
export function takenError(start: Date, end: Date): DomainError {
	const when = formatTimeSpan(start, end, { timeZone: timeZone() });
	return new DomainError('CONFLICT', {
		message: () => m.rooms_error_taken({ when }),
		fields: { date: () => m.rooms_error_taken({ when }) },
		detail: `room busy ${start.toISOString()}`
	});
}
