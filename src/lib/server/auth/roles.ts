import { error, redirect } from '@sveltejs/kit';
import type { StaffRole } from '../db/schema';
import { m } from '$lib/paraglide/messages.js';
import { DomainError } from '../errors';

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

/** Who makes a back-office change: a signed-in user, or the admin CLI run on the server itself. */
export type Actor = SessionUser | 'cli';

/** Use cases check again what the route checked: only admins manage accounts. */
export function assertAdmin(actor: Actor): void {
	if (actor !== 'cli' && !hasRole(actor, 'admin')) throw new DomainError('FORBIDDEN');
}

export function actorIdOf(actor: Actor): number | null {
	return actor === 'cli' ? null : actor.id;
}

/** For pages of any signed-in user (residents too): anonymous users go to the login first. */
export function requireUser(user: SessionUser | null | undefined, returnTo: string): SessionUser {
	if (!user) redirect(303, `/anmelden?weiter=${encodeURIComponent(returnTo)}`);
	return user;
}

/** Where a user lands after login when no return path was given. */
export function homeOf(user: SessionUser): string {
	return isStaff(user) ? '/verwaltung' : '/konto';
}
