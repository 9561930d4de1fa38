import { changePasswordSchema, displayNameSchema } from '$lib/server/auth/auth.schemas';
import { changeOwnPassword } from '$lib/server/auth/change-own-password';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';
import { roleLabels } from '$lib/server/auth/role-labels';
import { isStaff } from '$lib/server/auth/roles';
import { updateOwnProfile } from '$lib/server/auth/update-own-profile';
import { findGroupsEditedBy } from '$lib/server/events/group-editors';
import { formAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { findOwnBookingRequests } from '$lib/server/rooms/find-own-booking-requests';
import { findOwnConcerns } from '$lib/server/concerns/find-own-concerns';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'account.manage-own');
	const user = event.locals.user!;
	return {
		account: {
			email: user.email,
			displayName: user.displayName,
			roles: roleLabels(user.roles),
			isStaff: isStaff(user)
		},
		minLength: MIN_PASSWORD_LENGTH,
		bookingRequests: await findOwnBookingRequests(event.locals.db, { actor }),
		groups: await findGroupsEditedBy(event.locals.db, user.id),
		concerns: await findOwnConcerns(event.locals.db, { actor })
	};
};

export const actions: Actions = {
	name: formAction({
		permission: 'account.manage-own',
		failData: { form: 'name' as const },
		schema: displayNameSchema,
		run: async ({ display_name }, { db, actor, event }) => {
			await updateOwnProfile(db, { actor, displayName: display_name });
			// The session user was read before the change; the page and header render after it.
			const user = event.locals.user;
			if (user) event.locals.user = { ...user, displayName: display_name };
		},
		respond: () => ({ form: 'name' as const, done: true })
	}),

	passwort: formAction({
		permission: 'account.manage-own',
		failData: { form: 'password' as const },
		// Guessing the current password from a borrowed session is slowed down like the login.
		rateLimit: { name: 'password-change', key: (event) => String(event.locals.user?.id) },
		schema: changePasswordSchema,
		run: (input, { db, actor, event }) =>
			changeOwnPassword(db, {
				actor,
				currentPassword: input.current_password,
				newPassword: input.new_password,
				sessionToken: event.locals.sessionToken ?? ''
			}),
		respond: () => ({ form: 'password' as const, done: true })
	})
};
