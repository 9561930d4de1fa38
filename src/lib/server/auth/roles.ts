import { error, redirect } from '@sveltejs/kit';
import type { StaffRole } from '../db/schema';
import { m } from '$lib/paraglide/messages.js';

export interface SessionUser {
	id: number;
	email: string;
	displayName: string;
	roles: StaffRole[];
}

export function hasRole(user: SessionUser | null | undefined, role: StaffRole): boolean {
	return !!user && (user.roles.includes(role) || user.roles.includes('admin'));
}

export function isStaff(user: SessionUser | null | undefined): boolean {
	return !!user && user.roles.length > 0;
}

/** For routes: redirect anonymous users to the login, refuse users without the role. */
export function requireRole(
	user: SessionUser | null | undefined,
	role: StaffRole | 'staff',
	returnTo = '/verwaltung'
): SessionUser {
	if (!user) redirect(303, `/anmelden?weiter=${encodeURIComponent(returnTo)}`);
	const allowed = role === 'staff' ? isStaff(user) : hasRole(user, role);
	if (!allowed) error(403, m.error_forbidden_text());
	return user;
}
