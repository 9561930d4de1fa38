import { findContactMessages } from '$lib/server/contact/find-contact-messages';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { PageServerLoad } from './$types';
import { now } from '$lib/server/time';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const result = await orErrorPage(
		event,
		findContactMessages(locals.db, { actor: locals.actor, page: pageFromUrl(url) })
	);
	return { ...result, rows: result.rows.map(revealInvisibleIn), now: now() };
};
