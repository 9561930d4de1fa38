import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { findEventsForAdmin, type AdminView } from '$lib/server/events/find-events-admin';
import { removeExampleEvents } from '$lib/server/events/remove-example-events';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import type { Actions, PageServerLoad } from './$types';

/** The tabs' URL values (German, like every URL of the site). */
const VIEWS: Record<string, AdminView> = {
	'': 'events',
	vorschlaege: 'proposals',
	abgelehnt: 'rejected'
};

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'events.manage');
	const view = VIEWS[event.url.searchParams.get('ansicht') ?? ''];
	if (!view) error(404, m.error_not_found_text());
	const list = await orErrorPage(event, () =>
		findEventsForAdmin(event.locals.db, { actor, view, page: pageFromUrl(event.url) })
	);
	if (list.page > list.pages) error(404, m.error_not_found_text());
	return { list, view };
};

export const actions: Actions = {
	removeExamples: backOfficeAction({
		permission: 'events.manage',
		errorsKey: 'deleteErrors',
		run: (_, { db, actor }) => removeExampleEvents(db, { actor }),
		redirect: { to: '/verwaltung/veranstaltungen', flash: 'deleted' }
	})
};
