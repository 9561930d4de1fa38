import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { homeOf } from '$lib/server/auth/roles';
import { startSessionCookie } from '$lib/server/auth/session-cookie';
import { signInWithLink } from '$lib/server/auth/sign-in-with-link';
import { peekUserToken } from '$lib/server/auth/user-tokens';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners fetch links, and must not use them up.
export const load: PageServerLoad = async ({ locals, url }) => {
	const found = await peekUserToken(locals.db, url.searchParams.get('token') ?? '', ['sign_in']);
	if (!found) error(400, m.security_signin_invalid());
	return { email: found.email };
};

export const actions: Actions = {
	default: async ({ locals, url, cookies }) => {
		const user = await signInWithLink(locals.db, { token: url.searchParams.get('token') ?? '' });
		if (!user) error(400, m.security_signin_invalid());
		await startSessionCookie(locals.db, cookies, url, user.id);
		redirect(303, homeOf(user));
	}
};
