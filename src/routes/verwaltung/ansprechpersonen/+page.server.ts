import { requireRole } from '$lib/server/auth/roles';
import { findContactPersons } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	return {
		persons: await findContactPersons(locals.db),
		done: url.searchParams.has('geloescht')
			? ('deleted' as const)
			: url.searchParams.has('angelegt')
				? ('created' as const)
				: url.searchParams.has('gespeichert')
					? ('saved' as const)
					: null
	};
};
