import { m } from '$lib/paraglide/messages.js';

/* Visible names of the registration settings and states (staff form, public page). */

const CLOSES: Record<string, () => string> = {
	start: m.events_register_closes_start,
	'1': () => m.events_register_closes_hours({ hours: 1 }),
	'3': () => m.events_register_closes_hours({ hours: 3 }),
	'12': () => m.events_register_closes_hours({ hours: 12 }),
	'24': () => m.events_register_closes_days({ days: 1 }),
	'48': () => m.events_register_closes_days({ days: 2 }),
	'72': () => m.events_register_closes_days({ days: 3 }),
	'168': () => m.events_register_closes_days({ days: 7 })
};

export function registrationClosesLabel(value: string): string {
	return (CLOSES[value] ?? (() => value))();
}

/** A date's registration state as the public page says it. */
export type RegistrationState =
	| { kind: 'open'; free: number }
	| { kind: 'waitlist' }
	| { kind: 'full' }
	| { kind: 'closed' }
	| { kind: 'cancelled' };

export function registrationStateLabel(state: RegistrationState): string {
	switch (state.kind) {
		case 'open':
			return state.free === 1
				? m.events_register_state_one_free()
				: m.events_register_state_free({ count: state.free });
		case 'waitlist':
			return m.events_register_state_waitlist();
		case 'full':
			return m.events_register_state_full();
		case 'closed':
			return m.events_register_state_closed();
		case 'cancelled':
			return m.events_register_state_cancelled();
	}
}

const STATUS: Record<string, () => string> = {
	confirmed: m.events_register_status_confirmed,
	waitlisted: m.events_register_status_waitlisted,
	cancelled: m.events_register_status_cancelled
};

export function registrationStatusLabel(status: string): string {
	return (STATUS[status] ?? (() => status))();
}
