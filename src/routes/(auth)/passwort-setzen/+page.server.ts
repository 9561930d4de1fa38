import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { setPasswordSchema } from '$lib/server/auth/auth.schemas';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';
import { setPasswordWithToken } from '$lib/server/auth/set-password-with-token';
import { peekUserToken } from '$lib/server/auth/user-tokens';
import { formAction } from '$lib/server/forms/action';
import type { Actions, PageServerLoad } from './$types';

const PURPOSES = ['set_password', 'reset_password'] as const;

// Serves links from password-reset mails, staff invitations and the admin CLI.
export const load: PageServerLoad = async ({ locals, url }) => {
	const found = await peekUserToken(locals.db, url.searchParams.get('token') ?? '', PURPOSES);
	if (!found) error(400, m.auth_token_invalid_text());
	return { email: found.email, minLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: formAction({
		schema: setPasswordSchema,
		// A used or expired link cannot be fixed in the form: say so on the error page.
		pageErrors: ['INVALID'],
		run: ({ password }, { db, actor, event }) =>
			setPasswordWithToken(db, {
				actor,
				token: event.url.searchParams.get('token') ?? '',
				password
			}),
		redirect: '/anmelden?hinweis=passwort'
	})
};
