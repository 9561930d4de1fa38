import { peekCapabilityLink } from '$lib/server/capabilities/redeem-capability-link';
import { getProposalStatus } from '$lib/server/events/get-proposal-status';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { PageServerLoad } from './$types';

/**
 * The submitter's private status page (the link from the confirmation page and the mails). Never
 * shared from the page cache: it is one person's. A tampered token is a 404, an expired one a 410.
 */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const token = event.url.searchParams.get('token') ?? '';
		const actor = await peekCapabilityLink(db, token, 'event.proposal-status');
		return {
			proposal: await getProposalStatus(db, { actor, id: actor.recordId }),
			// Right after sending: whether a receipt went out by mail (the page itself knows no address).
			justSent: ['mail', 'ohne-mail'].includes(event.url.searchParams.get('neu') ?? ''),
			noMail: event.url.searchParams.get('neu') === 'ohne-mail'
		};
	});
