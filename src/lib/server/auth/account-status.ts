import { m } from '$lib/paraglide/messages.js';
import { now as clockNow } from '../time';

/** One word for an account's state, in the order that matters most to the office. */
export function accountStatus(
	a: {
		disabledAt: Date | null;
		lockedUntil: Date | null;
		hasPassword: boolean;
		emailVerifiedAt: Date | null;
	},
	now = clockNow()
): { label: string; warn: boolean } {
	if (a.disabledAt) return { label: m.auth_status_disabled(), warn: true };
	if (a.lockedUntil && a.lockedUntil > now) return { label: m.auth_status_locked(), warn: true };
	if (!a.hasPassword) return { label: m.auth_status_no_password(), warn: true };
	if (!a.emailVerifiedAt) return { label: m.auth_status_unverified(), warn: true };
	return { label: m.auth_status_active(), warn: false };
}
