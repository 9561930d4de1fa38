import { peekCapabilityLink } from '$lib/server/capabilities/redeem-capability-link';
import { answerForwarding } from '$lib/server/concerns/answer-forwarding';
import { bodyAnswerSchema } from '$lib/server/concerns/forward.schemas';
import { getForwardingForAnswer } from '$lib/server/concerns/get-forwarding-for-answer';
import { describeForm } from '$lib/server/form-meta';
import { publicSubmission } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

/**
 * A responsible body's answer link (from the forwarding mail or a reminder). Opening it uses
 * nothing up (mail scanners open links); the form's submit does. Forged → 404, expired or
 * answered → 410 with the reason.
 */
export const load: PageServerLoad = (event) =>
	orErrorPage(event, async () => {
		const { db } = event.locals;
		const actor = await peekCapabilityLink(db, event.params.token, 'concern.answer');
		return {
			forwarding: await getForwardingForAnswer(db, { actor }),
			fields: describeForm(bodyAnswerSchema)
		};
	});

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'concern-answer' },
		schema: bodyAnswerSchema,
		// A link that is unknown, used, expired or already answered is the error page.
		pageErrors: ['GONE', 'NOT_FOUND'],
		run: (input, { db, event }) =>
			answerForwarding(db, { token: event.params.token ?? '', input, origin: event.url.origin }),
		// Not back to this page: its link is used up now.
		redirect: '/anliegen/antwort/erledigt'
	})
};
