import { getLocale } from '$lib/paraglide/runtime.js';
import { accessibilityFeedbackSchema, HONEYPOT_FIELD } from '$lib/server/contact/contact.schemas';
import { getAccessibilityStatement } from '$lib/server/contact/get-accessibility-statement';
import { submitAccessibilityFeedback } from '$lib/server/contact/submit-accessibility-feedback';
import { publicSubmission } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// Not shared with everyone (page cache): the form is prefilled from the Referer.
	const statement = await orErrorPage(event, getAccessibilityStatement(event.locals.db));
	return {
		...statement,
		pageUrl: reportedPage(event.url, event.request.headers.get('referer'))
	};
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
	default: publicSubmission({
		// One budget with the contact form: both reach the same office.
		rateLimit: { name: 'contact' },
		honeypot: { field: HONEYPOT_FIELD, form: 'accessibility', redirect: '/barrierefreiheit/danke' },
		schema: accessibilityFeedbackSchema,
		run: (input, { db, actor, event }) =>
			submitAccessibilityFeedback(db, {
				actor,
				input,
				origin: event.url.origin,
				locale: getLocale()
			}),
		redirect: '/barrierefreiheit/danke'
	})
};
