import { requireRole } from '$lib/server/auth/roles';
import { findEditablePages } from '$lib/server/site/find-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	return { pages: await findEditablePages(locals.db) };
};
