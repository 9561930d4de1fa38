import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { publicSubmission } from '$lib/server/forms/action';
import { createFirstAdministrator, isSetupTokenValid } from '$lib/server/setup/first-admin';
import { firstAdministratorSchema } from '$lib/server/setup/setup.schemas';
import type { Actions, PageServerLoad } from './$types';

// The one-time link the server prints at start while there is no administrator.
export const load: PageServerLoad = async ({ url }) => {
	if (!isSetupTokenValid(url.searchParams.get('token'))) error(403, m.ops_setup_link_invalid());
	return {};
};

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'setup' },
		schema: firstAdministratorSchema,
		// A used, expired or wrong setup link is the error page, not a form message.
		pageErrors: ['FORBIDDEN'],
		run: (input, { db, event }) =>
			createFirstAdministrator(db, {
				token: event.url.searchParams.get('token') ?? '',
				email: input.email,
				displayName: input.display_name,
				origin: publicOrigin(event.url)
			}),
		// Straight on to setting the password: the same page the CLI's link opens.
		redirect: ({ link }) => new URL(link).pathname + new URL(link).search
	})
};
