import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { config } from '$lib/server/config';
import { parseForm, type FieldErrors } from '$lib/server/form';
import { loadOrError } from '$lib/server/http';
import { logger } from '$lib/server/logger';
import { kickMailSender } from '$lib/server/runtime';
import { clientKey, hitRateLimit } from '$lib/server/security/rate-limit';
import { domainFail } from '$lib/server/site/domain-fail';
import { accessibilityFeedbackSchema, HONEYPOT_FIELD } from '$lib/server/contact/contact.schemas';
import { getAccessibilityStatement } from '$lib/server/contact/get-accessibility-statement';
import { submitAccessibilityFeedback } from '$lib/server/contact/submit-accessibility-feedback';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, request }) => {
	const statement = await loadOrError(getAccessibilityStatement(locals.db));
	return { ...statement, pageUrl: reportedPage(url, request.headers.get('referer')) };
};

/**
 * Prefills "Betroffene Seite" with the page the visitor came from (the footer links here from
 * every page), or ?seite=… Only addresses on this site; never this page itself.
 */
function reportedPage(url: URL, referer: string | null): string {
	const candidate = url.searchParams.get('seite') ?? referer;
	if (!candidate) return '';
	try {
		const page = new URL(candidate, url.origin);
		if (page.origin !== url.origin || page.pathname.startsWith('/barrierefreiheit')) return '';
		return page.href.slice(0, 500);
	} catch {
		return '';
	}
}

export const actions: Actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const limit = hitRateLimit(
			`contact:${clientKey(getClientAddress())}`,
			config().RATE_LIMIT_PER_MINUTE
		);
		const parsed = await parseForm(request, accessibilityFeedbackSchema);
		if (!limit.ok) {
			const minutes = Math.ceil(limit.retryAfterSeconds / 60);
			const errors: FieldErrors = { _form: m.error_rate_limited({ minutes }) };
			return fail(429, { errors, values: parsed.values });
		}
		if (parsed.values[HONEYPOT_FIELD]) {
			logger.info({ form: 'accessibility' }, 'honeypot field filled, feedback dropped');
			redirect(303, '/barrierefreiheit/danke');
		}
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			await submitAccessibilityFeedback(locals.db, {
				input: parsed.data,
				origin: url.origin,
				locale: getLocale()
			});
		} catch (err) {
			return domainFail(err, parsed.values);
		}
		kickMailSender();
		redirect(303, '/barrierefreiheit/danke');
	}
};
