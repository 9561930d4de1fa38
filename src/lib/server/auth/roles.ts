import type { StaffRole } from '../db/schema';

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

/** Where a user lands after login when no return path was given. */
export function homeOf(user: SessionUser): string {
	return isStaff(user) ? '/verwaltung' : '/konto';
}
