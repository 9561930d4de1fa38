import { permitted } from '$lib/server/forms/domain-errors';
import { findContactPersons } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	return { persons: await findContactPersons(event.locals.db) };
};
