import { getGroupBySlug } from '$lib/server/events/get-group-by-slug';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	shareWithEveryone(locals);
	return orErrorPage(event, () => getGroupBySlug(locals.db, params.slug));
};
