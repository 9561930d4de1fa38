import { m } from '$lib/paraglide/messages.js';
import { STAFF_ROLES, type StaffRole } from '../db/schema';

/** Role names as staff know them (messages from the admin area). */
export function roleLabel(role: StaffRole): string {
	switch (role) {
		case 'concerns':
			return m.role_concerns();
		case 'rooms':
			return m.role_rooms();
		case 'content':
			return m.role_content();
		case 'admin':
			return m.role_admin();
	}
}

export function roleLabels(roles: readonly StaffRole[]): string {
	return roles.length === 0 ? m.auth_role_resident() : roles.map(roleLabel).join(', ');
}

/** Roles in the fixed order of STAFF_ROLES, without duplicates. */
export function sortRoles(roles: readonly StaffRole[]): StaffRole[] {
	return STAFF_ROLES.filter((r) => roles.includes(r));
}
