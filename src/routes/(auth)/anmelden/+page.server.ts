import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { emailOnlySchema, loginSchema } from '$lib/server/auth/auth.schemas';
import { logIn, type LogInResult } from '$lib/server/auth/log-in';
import { resendConfirmation } from '$lib/server/auth/resend-confirmation';
import { homeOf } from '$lib/server/auth/roles';
import { publicOrigin, safeReturnPath, startSessionCookie } from '$lib/server/auth/session-cookie';
import { waitText } from '$lib/server/auth/wait-text';
import { config } from '$lib/server/config';
import type { FormValues } from '$lib/server/form';
import { publicSubmission } from '$lib/server/forms/action';
import { clientKey } from '$lib/server/security/rate-limit';
import type { Actions, PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

const NOTICES = { passwort: 'password_set', bestaetigt: 'email_confirmed' } as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const returnTo = safeReturnPath(url.searchParams.get('weiter'));
	if (locals.user) redirect(303, returnTo ?? homeOf(locals.user));
	shareWithEveryone(locals);
	const notice = url.searchParams.get('hinweis');
	return {
		// Named actions drop the query string, so the form carries the return path in its action.
		loginAction: returnTo ? `?/anmelden&weiter=${encodeURIComponent(returnTo)}` : '?/anmelden',
		loginRequired: returnTo !== null,
		notice: notice === 'passwort' || notice === 'bestaetigt' ? NOTICES[notice] : null
	};
};

/** A refused login is an answer, not an error: each reason has its own status and message. */
function refusal(result: Exclude<LogInResult, { ok: true }>, values: FormValues) {
	switch (result.reason) {
		case 'locked':
			return fail(429, {
				errors: {
					_form: m.security_login_delayed({ wait: waitText(result.retryAfterSeconds) })
				},
				values
			});
		case 'unverified':
			return fail(403, { errors: { _form: m.auth_login_unverified() }, values, unverified: true });
		case 'disabled':
			return fail(403, { errors: { _form: m.auth_login_disabled() }, values });
		default:
			return fail(400, { errors: { _form: m.auth_login_failed() }, values });
	}
}

export const actions: Actions = {
	anmelden: publicSubmission({
		rateLimit: { name: 'login', perMinute: () => 5 * config().RATE_LIMIT_PER_MINUTE },
		schema: loginSchema,
		run: async ({ email, password }, { db, actor, event }) => {
			const cfg = config();
			const result = await logIn(db, {
				actor,
				email,
				password,
				maxFailures: cfg.LOGIN_MAX_FAILURES,
				lockSeconds: cfg.LOGIN_LOCK_SECONDS,
				client: clientKey(event.getClientAddress()),
				origin: publicOrigin(event.url)
			});
			if (result.ok) await startSessionCookie(db, event.cookies, event.url, result.user.id);
			return result;
		},
		respond: (result, { event, values }) => {
			if (!result.ok) return refusal(result, values);
			redirect(303, safeReturnPath(event.url.searchParams.get('weiter')) ?? homeOf(result.user));
		}
	}),

	/** A new confirmation link for a registration; answers the same whether or not one was sent. */
	bestaetigung: publicSubmission({
		rateLimit: { name: 'verify' },
		schema: emailOnlySchema,
		run: ({ email }, { db, actor, event }) =>
			resendConfirmation(db, { actor, email, origin: publicOrigin(event.url) }),
		respond: (_, { values }) => ({ resent: true, values })
	})
};
