import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { config } from '$lib/server/config';
import { parseForm, type FieldErrors } from '$lib/server/form';
import { describeForm } from '$lib/server/form-meta';
import { loadOrError } from '$lib/server/http';
import { logger } from '$lib/server/logger';
import { kickMailSender } from '$lib/server/runtime';
import { clientKey, hitRateLimit } from '$lib/server/security/rate-limit';
import { domainFail } from '$lib/server/site/domain-fail';
import {
	contactMessageSchema,
	HONEYPOT_FIELD,
	OFFICE_RECIPIENT
} from '$lib/server/contact/contact.schemas';
import { getContactDirectory } from '$lib/server/contact/get-contact-directory';
import { cachedContent } from '$lib/server/ops/content-cache';
import { submitContactMessage } from '$lib/server/contact/submit-contact-message';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const directory = await loadOrError(
		cachedContent(locals, 'contact-directory', () => getContactDirectory(locals.db))
	);
	// "Nachricht an … schreiben" on a card links here with ?an=<id> to preselect the person.
	const wanted = url.searchParams.get('an') ?? '';
	const preselected = directory.persons.some((p) => String(p.id) === wanted)
		? wanted
		: OFFICE_RECIPIENT;
	return {
		...directory,
		preselected,
		officeRecipient: OFFICE_RECIPIENT,
		fields: describeForm(contactMessageSchema)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const limit = hitRateLimit(
			`contact:${clientKey(getClientAddress())}`,
			config().RATE_LIMIT_PER_MINUTE
		);
		const parsed = await parseForm(request, contactMessageSchema);
		if (!limit.ok) {
			const minutes = Math.ceil(limit.retryAfterSeconds / 60);
			const errors: FieldErrors = { _form: m.error_rate_limited({ minutes }) };
			return fail(429, { errors, values: parsed.values });
		}
		if (parsed.values[HONEYPOT_FIELD]) {
			// A bot: answer like a success so it learns nothing, store and send nothing.
			logger.info({ form: 'contact' }, 'honeypot field filled, message dropped');
			redirect(303, '/kontakt/danke');
		}
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			await submitContactMessage(locals.db, {
				input: parsed.data,
				origin: url.origin,
				locale: getLocale()
			});
		} catch (err) {
			return domainFail(err, parsed.values);
		}
		kickMailSender();
		redirect(303, '/kontakt/danke');
	}
};
