import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { changePasswordSchema, displayNameSchema } from '$lib/server/auth/auth.schemas';
import { changeOwnPassword } from '$lib/server/auth/change-own-password';
import { failFromDomainError } from '$lib/server/auth/form-failure';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';
import { roleLabels } from '$lib/server/auth/role-labels';
import { isStaff, requireUser } from '$lib/server/auth/roles';
import { updateOwnProfile } from '$lib/server/auth/update-own-profile';
import { config } from '$lib/server/config';
import { parseForm } from '$lib/server/form';
import { hitRateLimit } from '$lib/server/security/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals.user, url.pathname);
	return {
		account: {
			email: user.email,
			displayName: user.displayName,
			roles: roleLabels(user.roles),
			isStaff: isStaff(user)
		},
		minLength: MIN_PASSWORD_LENGTH
	};
};

export const actions: Actions = {
	name: async ({ request, locals, url }) => {
		const user = requireUser(locals.user, url.pathname);
		const parsed = await parseForm(request, displayNameSchema);
		if (!parsed.ok)
			return fail(400, { form: 'name', errors: parsed.errors, values: parsed.values });
		await updateOwnProfile(locals.db, { userId: user.id, displayName: parsed.data.display_name });
		// The session user was read before the change; the page and header render after it.
		locals.user = { ...user, displayName: parsed.data.display_name };
		return { form: 'name', done: true };
	},

	passwort: async ({ request, locals, url }) => {
		const user = requireUser(locals.user, url.pathname);
		// Guessing the current password from a borrowed session is slowed down like the login.
		const limit = hitRateLimit(`password-change:${user.id}`, config().RATE_LIMIT_PER_MINUTE);
		const parsed = await parseForm(request, changePasswordSchema);
		if (!limit.ok) {
			const minutes = Math.ceil(limit.retryAfterSeconds / 60);
			return fail(429, {
				form: 'password',
				errors: { _form: m.error_rate_limited({ minutes }) },
				values: {}
			});
		}
		if (!parsed.ok)
			return fail(400, { form: 'password', errors: parsed.errors, values: parsed.values });
		try {
			await changeOwnPassword(locals.db, {
				userId: user.id,
				currentPassword: parsed.data.current_password,
				newPassword: parsed.data.new_password,
				sessionToken: locals.sessionToken ?? ''
			});
		} catch (err) {
			const failure = failFromDomainError(err, parsed.values);
			return fail(failure.status, { form: 'password', ...failure.data });
		}
		return { form: 'password', done: true };
	}
};
