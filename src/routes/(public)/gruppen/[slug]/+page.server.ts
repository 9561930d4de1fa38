import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getGroupBySlug } from '$lib/server/events/get-group-by-slug';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const asked = url.searchParams.get('seite');
	if (asked !== null && !/^[1-9]\d{0,2}$/.test(asked)) error(400, m.events_filter_invalid());
	const page = asked ? Number(asked) : 1;
	shareWithEveryone(locals);
	return orErrorPage(event, () => getGroupBySlug(locals.db, params.slug, page));
};
