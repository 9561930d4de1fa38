import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { STAFF_ROLES, type StaffRole } from '../db/schema';
import { field } from '../form';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords';

/** Form schemas of the account pages; field names match the inputs. */

const email = () => field.email(() => m.auth_field_email());

const newPassword = (label: () => string) =>
	field.password(label, MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
const repeatPassword = (label: () => string) => field.password(label, 0, MAX_PASSWORD_LENGTH);
const mismatch = () => m.auth_password_mismatch();

export const loginSchema = z.object({
	email: email(),
	// Not held to the minimum length: the login only checks, it does not set passwords.
	password: field.password(() => m.auth_field_password(), 0, MAX_PASSWORD_LENGTH)
});

export const emailOnlySchema = z.object({ email: email() });

export const setPasswordSchema = z
	.object({
		password: newPassword(() => m.auth_field_new_password()),
		password_repeat: repeatPassword(() => m.auth_field_new_password_repeat())
	})
	.refine((v) => v.password === v.password_repeat, {
		path: ['password_repeat'],
		error: mismatch
	});

export const registerSchema = z
	.object({
		display_name: field.text(() => m.auth_field_name(), 100),
		email: email()
	})
	.and(
		z
			.object({
				password: newPassword(() => m.auth_field_password()),
				password_repeat: repeatPassword(() => m.auth_field_password_repeat())
			})
			.refine((v) => v.password === v.password_repeat, {
				path: ['password_repeat'],
				error: mismatch
			})
	)
	.and(z.object({ consent: field.consent(() => m.auth_consent_label()) }));

export const displayNameSchema = z.object({
	display_name: field.text(() => m.auth_field_name(), 100)
});

export const changePasswordSchema = z
	.object({
		current_password: field.password(() => m.auth_field_current_password(), 0, MAX_PASSWORD_LENGTH)
	})
	.and(
		z
			.object({
				new_password: newPassword(() => m.auth_field_new_password()),
				new_password_repeat: repeatPassword(() => m.auth_field_new_password_repeat())
			})
			.refine((v) => v.new_password === v.new_password_repeat, {
				path: ['new_password_repeat'],
				error: mismatch
			})
	);

/** Role checkboxes are named role_<role>; absent means not chosen. */
const roleCheckboxes = Object.fromEntries(
	STAFF_ROLES.map((r) => [`role_${r}`, field.checkbox()])
) as Record<`role_${StaffRole}`, ReturnType<typeof field.checkbox>>;

function chosenRoles(v: Record<string, unknown>): StaffRole[] {
	return STAFF_ROLES.filter((r) => v[`role_${r}`] === true);
}

export const rolesSchema = z.object(roleCheckboxes).transform((v) => ({ roles: chosenRoles(v) }));

export const staffAccountSchema = z
	.object({
		email: email(),
		display_name: field.text(() => m.auth_field_staff_name(), 100),
		...roleCheckboxes
	})
	.refine((v) => chosenRoles(v).length > 0, {
		path: ['roles'],
		error: () => m.auth_roles_required(),
		// Report a missing role together with the other field errors, not only after they are fixed.
		when: (payload) => typeof payload.value === 'object' && payload.value !== null
	})
	.transform((v) => ({ email: v.email, displayName: v.display_name, roles: chosenRoles(v) }));
