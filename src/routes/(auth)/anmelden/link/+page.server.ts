import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { homeOf } from '$lib/server/auth/roles';
import { startSessionCookie } from '$lib/server/auth/session-cookie';
import { signInWithLink } from '$lib/server/auth/sign-in-with-link';
import { peekUserToken } from '$lib/server/auth/user-tokens';
import { publicSubmission } from '$lib/server/forms/action';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners fetch links, and must not use them up.
export const load: PageServerLoad = async ({ locals, url }) => {
	const found = await peekUserToken(locals.db, url.searchParams.get('token') ?? '', ['sign_in']);
	if (!found) error(400, m.security_signin_invalid());
	return { email: found.email };
};

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'sign-in-link' },
		run: async (_, { db, actor, event }) => {
			const token = event.url.searchParams.get('token') ?? '';
			const user = await signInWithLink(db, { actor, token });
			if (!user) error(400, m.security_signin_invalid());
			await startSessionCookie(db, event.cookies, event.url, user.id);
			return user;
		},
		redirect: (user) => homeOf(user)
	})
};
