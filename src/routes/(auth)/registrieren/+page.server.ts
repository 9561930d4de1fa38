import { redirect } from '@sveltejs/kit';
import { registerSchema } from '$lib/server/auth/auth.schemas';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';
import { registerResident } from '$lib/server/auth/register-resident';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { publicSubmission } from '$lib/server/forms/action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/konto');
	return { minLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'register' },
		schema: registerSchema,
		// A taken address gets a mail, and this page answers the same as for a new one.
		run: async (input, { db, actor, event }) => {
			await registerResident(db, {
				actor,
				email: input.email,
				displayName: input.display_name,
				password: input.password,
				origin: publicOrigin(event.url)
			});
			return input.email;
		},
		respond: (email) => ({ sent: true, email })
	})
};
