import { orErrorPage } from '$lib/server/forms/domain-errors';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import { getPublicConcern } from '$lib/server/concerns/public-concerns';
import { getMergeTarget } from '$lib/server/concerns/get-merge-target';
import { findPublicConcernPhotos } from '$lib/server/concerns/concern-photos';
import type { PageServerLoad } from './$types';

/** A public concern with its public timeline; a private or unknown number is a plain 404. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		shareWithEveryone(event.locals);
		// The id stays on the server.
		const { id, ...concern } = await getPublicConcern(event.locals.db, event.params.reference);
		return {
			concern,
			mergedInto: await getMergeTarget(event.locals.db, id),
			// Photos only of a public concern: the read checks the visibility itself.
			photos: await findPublicConcernPhotos(event.locals.db, concern.reference)
		};
	});
