import { m } from '$lib/paraglide/messages.js';
import { STAFF_ROLES, type StaffRole } from '../db/schema';
import { roleLabel } from './role-labels';

function roleHint(role: StaffRole): string {
	switch (role) {
		case 'concerns':
			return m.auth_role_hint_concerns();
		case 'rooms':
			return m.auth_role_hint_rooms();
		case 'content':
			return m.auth_role_hint_content();
		case 'admin':
			return m.auth_role_hint_admin();
	}
}

/** The role checkboxes of the account forms: field name, label, explanation. */
export function roleOptions() {
	return STAFF_ROLES.map((role) => ({
		role,
		name: `role_${role}`,
		label: roleLabel(role),
		hint: roleHint(role)
	}));
}
