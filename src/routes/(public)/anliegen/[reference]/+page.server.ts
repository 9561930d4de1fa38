import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { getPublicConcern } from '$lib/server/concerns/public-concerns';
import type { PageServerLoad } from './$types';

/** A public concern with its public timeline; a private or unknown number is a plain 404. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		shareWithEveryone(event.locals);
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the id stays on the server
		const { id: _id, ...concern } = await getPublicConcern(event.locals.db, event.params.reference);
		return { concern };
	});
