import { peekCapabilityLink } from '$lib/server/capabilities/redeem-capability-link';
import { getConcernStatus } from '$lib/server/concerns/get-concern-status';
import { getMergeTarget } from '$lib/server/concerns/get-merge-target';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { PageServerLoad } from './$types';

/** The status link from the mails: a link that stopped working is a 410 with the reason. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const actor = await peekCapabilityLink(db, event.params.token, 'concern.status');
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the id stays on the server
		const { id: _id, ...concern } = await getConcernStatus(db, {
			actor,
			concernId: actor.recordId
		});
		return { concern, mergedInto: await getMergeTarget(db, actor.recordId) };
	});
