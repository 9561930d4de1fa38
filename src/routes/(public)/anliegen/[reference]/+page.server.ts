import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getPublicConcern } from '$lib/server/concerns/public-concerns';
import { findPublicConcernPhotos } from '$lib/server/concerns/concern-photos';
import type { PageServerLoad } from './$types';

/** A public concern with its public timeline; a private or unknown number is a plain 404. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the id stays on the server
		const { id: _id, ...concern } = await getPublicConcern(event.locals.db, event.params.reference);
		// Photos only of a public concern: the read checks the visibility itself.
		return { concern, photos: await findPublicConcernPhotos(event.locals.db, concern.reference) };
	});
