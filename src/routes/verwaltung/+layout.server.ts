import { actorOf } from '$lib/server/auth/actor';
import { requireRole, hasRole } from '$lib/server/auth/roles';
import { countOpenWork } from '$lib/server/dashboard/count-open-work';
import type { LayoutServerLoad } from './$types';

// Every back-office page needs a staff role; each page and action checks its own role again.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const user = requireRole(locals.user, 'staff', url.pathname);
	return {
		staff: {
			roles: user.roles,
			canContent: hasRole(user, 'content'),
			canAdmin: hasRole(user, 'admin')
		},
		openWork: await countOpenWork(locals.db, { actor: actorOf(user) })
	};
};
