import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getPageBySlug } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	page: await orErrorPage(event, getPageBySlug(event.locals.db, 'impressum'))
});
