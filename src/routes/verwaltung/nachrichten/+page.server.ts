import { findContactMessages } from '$lib/server/contact/find-contact-messages';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const result = await orErrorPage(
		event,
		findContactMessages(locals.db, { actor: locals.actor, page: pageFromUrl(url) })
	);
	return { ...result, now: new Date() };
};
