import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { emailOnlySchema } from '$lib/server/auth/auth.schemas';
import { requestPasswordReset } from '$lib/server/auth/request-password-reset';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { config } from '$lib/server/config';
import { parseForm } from '$lib/server/form';
import { kickMailSender } from '$lib/server/runtime';
import { clientKey, hitRateLimit } from '$lib/server/security/rate-limit';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const limit = hitRateLimit(
			`reset:${clientKey(getClientAddress())}`,
			config().RATE_LIMIT_PER_MINUTE
		);
		const parsed = await parseForm(request, emailOnlySchema);
		if (!limit.ok) {
			const minutes = Math.ceil(limit.retryAfterSeconds / 60);
			return fail(429, {
				errors: { _form: m.error_rate_limited({ minutes }) },
				values: parsed.values
			});
		}
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		// The same answer whether or not the address has an account.
		if (
			await requestPasswordReset(locals.db, { email: parsed.data.email, origin: publicOrigin(url) })
		)
			kickMailSender();
		return { sent: true, email: parsed.data.email };
	}
};
