import { getLocale } from '$lib/paraglide/runtime.js';
import { describeForm } from '$lib/server/form-meta';
import {
	contactMessageSchema,
	HONEYPOT_FIELD,
	OFFICE_RECIPIENT
} from '$lib/server/contact/contact.schemas';
import { getContactDirectory } from '$lib/server/contact/get-contact-directory';
import { cachedContent } from '$lib/server/ops/content-cache';
import { submitContactMessage } from '$lib/server/contact/submit-contact-message';
import { publicSubmission } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async (event) => {
	shareWithEveryone(event.locals);
	const { locals } = event;
	const directory = await orErrorPage(
		event,
		cachedContent(locals, 'contact-directory', () => getContactDirectory(locals.db))
	);
	// "Nachricht an … schreiben" on a card links here with ?an=<id> to preselect the person.
	const wanted = event.url.searchParams.get('an') ?? '';
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
	default: publicSubmission({
		rateLimit: { name: 'contact' },
		honeypot: { field: HONEYPOT_FIELD, form: 'contact', redirect: '/kontakt/danke' },
		schema: contactMessageSchema,
		run: (input, { db, actor, event }) =>
			submitContactMessage(db, { actor, input, origin: event.url.origin, locale: getLocale() }),
		redirect: '/kontakt/danke'
	})
};
