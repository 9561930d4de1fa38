import { redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime.js';
import { describeForm } from '$lib/server/form-meta';
import { publicSubmission } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getSignUpDate } from '$lib/server/events/get-sign-up-date';
import { registerForEvent } from '$lib/server/events/register-for-event';
import {
	REGISTRATION_HONEYPOT,
	registrationSchema,
	terminSchema
} from '$lib/server/events/registration.schemas';
import { DomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

/** `?termin=` as a date id; a broken value is an unknown date (404), not a server error. */
function terminOf(url: URL): number | null {
	const raw = url.searchParams.get('termin');
	if (raw === null || raw === '') return null;
	const parsed = terminSchema.safeParse(raw);
	if (!parsed.success) throw new DomainError('NOT_FOUND');
	return parsed.data;
}

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const date = await orErrorPage(event, () =>
		getSignUpDate(locals.db, { slug: params.slug, occurrenceId: terminOf(url) })
	);
	// A series without a chosen date: its page lists the dates to choose from.
	if (!date) redirect(303, `/veranstaltungen/${encodeURIComponent(params.slug)}#anmeldung`);
	return { date, fields: describeForm(registrationSchema) };
};

const thanks = (slug: string) => `/veranstaltungen/${encodeURIComponent(slug)}/anmelden/danke`;

export const actions: Actions = {
	default: (event) =>
		publicSubmission({
			rateLimit: { name: 'event-registration' },
			honeypot: {
				field: REGISTRATION_HONEYPOT,
				form: 'event-registration',
				redirect: thanks(event.params.slug)
			},
			schema: registrationSchema,
			run: async (input, { db, actor }) => {
				const date = await getSignUpDate(db, {
					slug: event.params.slug,
					occurrenceId: terminOf(event.url)
				});
				if (!date) throw new DomainError('NOT_FOUND');
				return registerForEvent(db, {
					actor,
					occurrenceId: date.occurrenceId,
					input,
					origin: event.url.origin,
					locale: getLocale() === 'en' ? 'en' : 'de'
				});
			},
			redirect: (result) =>
				result.status === 'waitlisted'
					? `${thanks(event.params.slug)}?platz=${result.position}`
					: thanks(event.params.slug)
		})(event)
};
