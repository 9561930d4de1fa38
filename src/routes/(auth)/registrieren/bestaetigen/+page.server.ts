import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { confirmEmail } from '$lib/server/auth/confirm-email';
import { peekUserToken } from '$lib/server/auth/user-tokens';
import type { Actions, PageServerLoad } from './$types';

// Confirmation takes a click (a POST): mail scanners that open links must not confirm for people.
export const load: PageServerLoad = async ({ locals, url }) => {
	const found = await peekUserToken(locals.db, url.searchParams.get('token') ?? '', [
		'verify_email'
	]);
	if (!found) error(400, m.auth_token_invalid_text());
	return { email: found.email };
};

export const actions: Actions = {
	default: async ({ locals, url }) => {
		if (!(await confirmEmail(locals.db, { token: url.searchParams.get('token') ?? '' })))
			error(400, m.auth_token_invalid_text());
		redirect(303, '/anmelden?hinweis=bestaetigt');
	}
};
