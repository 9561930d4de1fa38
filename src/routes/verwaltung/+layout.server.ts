import { can } from '$lib/server/auth/permissions';
import { countOpenWork } from '$lib/server/dashboard/count-open-work';
import { flashOf } from '$lib/server/forms/flash';
import type { LayoutServerLoad } from './$types';

// The hook has let only staff in; this only decides what the navigation shows.
export const load: LayoutServerLoad = async ({ locals, url }) => ({
	staff: {
		canContent: can(locals.actor, 'content.edit'),
		canAdmin: can(locals.actor, 'accounts.manage'),
		canBookings: can(locals.actor, 'bookings.read'),
		canConcerns: can(locals.actor, 'concerns.manage')
	},
	flash: flashOf(url),
	openWork: await countOpenWork(locals.db, { actor: locals.actor })
});
