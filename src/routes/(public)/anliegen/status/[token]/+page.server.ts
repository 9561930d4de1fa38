import {
	peekCapabilityLink,
	redeemCapabilityLink
} from '$lib/server/capabilities/redeem-capability-link';
import { confirmConcernSolved } from '$lib/server/concerns/confirm-concern-solved';
import { notSolvedSchema } from '$lib/server/concerns/concerns-followup.schemas';
import { getConcernFeedback } from '$lib/server/concerns/get-concern-feedback';
import { getConcernStatus } from '$lib/server/concerns/get-concern-status';
import { getMergeTarget } from '$lib/server/concerns/get-merge-target';
import { reportConcernNotSolved } from '$lib/server/concerns/report-concern-not-solved';
import { describeForm } from '$lib/server/form-meta';
import { publicSubmission } from '$lib/server/forms/action';
import { findShownConcernPhotos } from '$lib/server/concerns/concern-photos';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

/** The status link from the mails: a link that stopped working is a 410 with the reason. */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const actor = await peekCapabilityLink(db, event.params.token, 'concern.status');
		const { id, ...concern } = await getConcernStatus(db, {
			actor,
			concernId: actor.recordId
		});
		const feedback = await getConcernFeedback(db, { actor, concernId: actor.recordId });
		return {
			concern,
			feedback,
			notSolvedFields: describeForm(notSolvedSchema),
			mergedInto: await getMergeTarget(db, actor.recordId),
			photos: await findShownConcernPhotos(db, id)
		};
	});

/** The link is the proof; it stays usable (not single-use), so it is checked, not used up. */
const holderOf = (event: { params: Partial<Record<string, string>>; locals: App.Locals }) =>
	redeemCapabilityLink(event.locals.db, event.params.token ?? '', 'concern.status');

const back = (token: string, what: string) =>
	`/anliegen/status/${token}?rueckmeldung=${what}#rueckmeldung`;

export const actions: Actions = {
	notSolved: publicSubmission({
		rateLimit: { name: 'concern-feedback' },
		schema: notSolvedSchema,
		failData: { form: 'notSolved' },
		pageErrors: ['GONE', 'NOT_FOUND'],
		run: async (input, { db, event }) => {
			const actor = await holderOf(event);
			return reportConcernNotSolved(db, {
				actor,
				concernId: actor.recordId,
				text: input.text,
				origin: event.url.origin
			});
		},
		redirect: (_, { event }) => back(event.params.token ?? '', 'offen')
	}),
	confirm: publicSubmission({
		rateLimit: { name: 'concern-feedback' },
		failData: { form: 'confirm' },
		pageErrors: ['GONE', 'NOT_FOUND'],
		run: async (_, { db, event }) => {
			const actor = await holderOf(event);
			return confirmConcernSolved(db, { actor, concernId: actor.recordId });
		},
		redirect: (_, { event }) => back(event.params.token ?? '', 'erledigt')
	})
};
