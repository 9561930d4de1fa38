import { permitted } from '$lib/server/forms/domain-errors';
import { findOpenForwardings } from '$lib/server/concerns/find-forwardings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'concerns.manage');
	const items = await findOpenForwardings(event.locals.db, { actor });
	return { items, overdue: items.filter((i) => i.overdue).length };
};
