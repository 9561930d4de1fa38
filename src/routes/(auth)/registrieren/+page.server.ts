import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { registerSchema } from '$lib/server/auth/auth.schemas';
import { MIN_PASSWORD_LENGTH } from '$lib/server/auth/passwords';
import { registerResident } from '$lib/server/auth/register-resident';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { config } from '$lib/server/config';
import { parseForm } from '$lib/server/form';
import { kickMailSender } from '$lib/server/runtime';
import { clientKey, hitRateLimit } from '$lib/server/security/rate-limit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/konto');
	return { minLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const limit = hitRateLimit(
			`register:${clientKey(getClientAddress())}`,
			config().RATE_LIMIT_PER_MINUTE
		);
		const parsed = await parseForm(request, registerSchema);
		if (!limit.ok) {
			const minutes = Math.ceil(limit.retryAfterSeconds / 60);
			return fail(429, {
				errors: { _form: m.error_rate_limited({ minutes }) },
				values: parsed.values
			});
		}
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		// A taken address gets a mail, and this page answers the same as for a new one.
		const queued = await registerResident(locals.db, {
			email: parsed.data.email,
			displayName: parsed.data.display_name,
			password: parsed.data.password,
			origin: publicOrigin(url)
		});
		if (queued) kickMailSender();
		return { sent: true, email: parsed.data.email };
	}
};
