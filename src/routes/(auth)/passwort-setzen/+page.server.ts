import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { setPasswordSchema } from '$lib/server/auth/auth.schemas';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';
import { setPasswordWithToken } from '$lib/server/auth/set-password-with-token';
import { peekUserToken } from '$lib/server/auth/user-tokens';
import { DomainError } from '$lib/server/errors';
import { parseForm } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

const PURPOSES = ['set_password', 'reset_password'] as const;

// Serves links from password-reset mails, staff invitations and the admin CLI.
export const load: PageServerLoad = async ({ locals, url }) => {
	const found = await peekUserToken(locals.db, url.searchParams.get('token') ?? '', PURPOSES);
	if (!found) error(400, m.auth_token_invalid_text());
	return { email: found.email, minLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const parsed = await parseForm(request, setPasswordSchema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			await setPasswordWithToken(locals.db, {
				token: url.searchParams.get('token') ?? '',
				password: parsed.data.password
			});
		} catch (err) {
			if (err instanceof DomainError) error(400, err.message);
			throw err;
		}
		redirect(303, '/anmelden?hinweis=passwort');
	}
};
