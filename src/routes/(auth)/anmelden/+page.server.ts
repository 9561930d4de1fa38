import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { emailOnlySchema, loginSchema } from '$lib/server/auth/auth.schemas';
import { logIn } from '$lib/server/auth/log-in';
import { resendConfirmation } from '$lib/server/auth/resend-confirmation';
import { homeOf } from '$lib/server/auth/roles';
import { publicOrigin, safeReturnPath, startSessionCookie } from '$lib/server/auth/session-cookie';
import { waitText } from '$lib/server/auth/wait-text';
import { config } from '$lib/server/config';
import { parseForm } from '$lib/server/form';
import { kickMailSender } from '$lib/server/runtime';
import { clientKey, hitRateLimit } from '$lib/server/security/rate-limit';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = { passwort: 'password_set', bestaetigt: 'email_confirmed' } as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const returnTo = safeReturnPath(url.searchParams.get('weiter'));
	if (locals.user) redirect(303, returnTo ?? homeOf(locals.user));
	const notice = url.searchParams.get('hinweis');
	return {
		// Named actions drop the query string, so the form carries the return path in its action.
		loginAction: returnTo ? `?/anmelden&weiter=${encodeURIComponent(returnTo)}` : '?/anmelden',
		loginRequired: returnTo !== null,
		notice: notice === 'passwort' || notice === 'bestaetigt' ? NOTICES[notice] : null
	};
};

function rateLimited(key: string, limit: number) {
	const result = hitRateLimit(key, limit);
	return result.ok
		? null
		: m.error_rate_limited({ minutes: Math.ceil(result.retryAfterSeconds / 60) });
}

export const actions: Actions = {
	anmelden: async ({ request, locals, url, cookies, getClientAddress }) => {
		const cfg = config();
		const client = clientKey(getClientAddress());
		const limited = rateLimited(`login:${client}`, 5 * cfg.RATE_LIMIT_PER_MINUTE);
		const parsed = await parseForm(request, loginSchema);
		if (limited) return fail(429, { errors: { _form: limited }, values: parsed.values });
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const result = await logIn(locals.db, {
			email: parsed.data.email,
			password: parsed.data.password,
			maxFailures: cfg.LOGIN_MAX_FAILURES,
			lockSeconds: cfg.LOGIN_LOCK_SECONDS,
			client,
			origin: publicOrigin(url)
		});
		if (result.mailQueued) kickMailSender();
		const values = parsed.values;
		if (!result.ok) {
			switch (result.reason) {
				case 'locked':
					return fail(429, {
						errors: {
							_form: m.security_login_delayed({ wait: waitText(result.retryAfterSeconds) })
						},
						values
					});
				case 'unverified':
					return fail(403, {
						errors: { _form: m.auth_login_unverified() },
						values,
						unverified: true
					});
				case 'disabled':
					return fail(403, { errors: { _form: m.auth_login_disabled() }, values });
				default:
					return fail(400, { errors: { _form: m.auth_login_failed() }, values });
			}
		}
		await startSessionCookie(locals.db, cookies, url, result.user.id);
		redirect(303, safeReturnPath(url.searchParams.get('weiter')) ?? homeOf(result.user));
	},

	/** A new confirmation link for a registration; answers the same whether or not one was sent. */
	bestaetigung: async ({ request, locals, url, getClientAddress }) => {
		const limited = rateLimited(
			`verify:${clientKey(getClientAddress())}`,
			config().RATE_LIMIT_PER_MINUTE
		);
		const parsed = await parseForm(request, emailOnlySchema);
		if (limited) return fail(429, { errors: { _form: limited }, values: parsed.values });
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		if (
			await resendConfirmation(locals.db, { email: parsed.data.email, origin: publicOrigin(url) })
		)
			kickMailSender();
		return { resent: true, values: parsed.values };
	}
};
