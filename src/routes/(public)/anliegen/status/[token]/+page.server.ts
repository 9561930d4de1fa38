import { peekCapabilityLink } from '$lib/server/capabilities/redeem-capability-link';
import { getConcernStatus } from '$lib/server/concerns/get-concern-status';
import { findShownConcernPhotos } from '$lib/server/concerns/concern-photos';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { PageServerLoad } from './$types';

/** The status link from the mails: a link that stopped working is a 410 with the reason. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const actor = await peekCapabilityLink(db, event.params.token, 'concern.status');
		const { id, ...concern } = await getConcernStatus(db, {
			actor,
			concernId: actor.recordId
		});
		return { concern, photos: await findShownConcernPhotos(db, id) };
	});
