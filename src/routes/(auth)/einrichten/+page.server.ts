import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { DomainError } from '$lib/server/errors';
import { parseForm } from '$lib/server/form';
import { createFirstAdministrator, isSetupTokenValid } from '$lib/server/setup/first-admin';
import { firstAdministratorSchema } from '$lib/server/setup/setup.schemas';
import { domainFail } from '$lib/server/site/domain-fail';
import type { Actions, PageServerLoad } from './$types';

// The one-time link the server prints at start while there is no administrator.
export const load: PageServerLoad = async ({ url }) => {
	if (!isSetupTokenValid(url.searchParams.get('token'))) error(403, m.ops_setup_link_invalid());
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const parsed = await parseForm(request, firstAdministratorSchema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		let link: string;
		try {
			({ link } = await createFirstAdministrator(locals.db, {
				token: url.searchParams.get('token') ?? '',
				email: parsed.data.email,
				displayName: parsed.data.display_name,
				origin: publicOrigin(url)
			}));
		} catch (err) {
			if (err instanceof DomainError && err.code === 'FORBIDDEN') error(403, err.message);
			return domainFail(err, parsed.values);
		}
		// Straight on to setting the password: the same page the CLI's link opens.
		redirect(303, new URL(link).pathname + new URL(link).search);
	}
};
