import { requireRole, hasRole } from '$lib/server/auth/roles';
import type { LayoutServerLoad } from './$types';

// Every back-office page needs a staff role; each page and action checks its own role again.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const user = requireRole(locals.user, 'staff', url.pathname);
	return {
		staff: {
			roles: user.roles,
			canContent: hasRole(user, 'content'),
			canAdmin: hasRole(user, 'admin')
		}
	};
};
