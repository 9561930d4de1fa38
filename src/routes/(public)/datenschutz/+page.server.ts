import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getPageBySlug } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async (event) => {
	shareWithEveryone(event.locals);
	return { page: await orErrorPage(event, getPageBySlug(event.locals.db, 'datenschutz')) };
};
