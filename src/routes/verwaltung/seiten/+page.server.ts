import { permitted } from '$lib/server/forms/domain-errors';
import { findEditablePages } from '$lib/server/site/find-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	return { pages: await findEditablePages(event.locals.db) };
};
