import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { confirmEmail } from '$lib/server/auth/confirm-email';
import { peekUserToken } from '$lib/server/auth/user-tokens';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/forms/action';
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
	default: formAction({
		pageErrors: ['INVALID'],
		run: async (_, { db, actor, event }) => {
			const token = event.url.searchParams.get('token') ?? '';
			if (!(await confirmEmail(db, { actor, token }))) {
				throw new DomainError('INVALID', { message: m.auth_token_invalid_text });
			}
		},
		redirect: '/anmelden?hinweis=bestaetigt'
	})
};
