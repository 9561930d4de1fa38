import { getPageBySlug } from '$lib/server/site/get-site';
import { loadOrError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	page: await loadOrError(getPageBySlug(locals.db, 'leichte-sprache'))
});
