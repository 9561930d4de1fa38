import { getLocale } from '$lib/paraglide/runtime.js';
import { describeForm } from '$lib/server/form-meta';
import { publicSubmission } from '$lib/server/forms/action';
import { findEventFormRooms } from '$lib/server/events/find-event-form-rooms';
import { findGroupsEditedBy } from '$lib/server/events/group-editors';
import { PROPOSAL_HONEYPOT_FIELD, proposalSchema } from '$lib/server/events/proposal.schemas';
import { proposalStatusPath, submitEventProposal } from '$lib/server/events/submit-event-proposal';
import { shareWithEveryone } from '$lib/server/ops/page-cache';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	// The same form for every visitor (the CSRF token is put in per visitor); a signed-in editor
	// of a group may propose for it.
	const groups = locals.user ? await findGroupsEditedBy(locals.db, locals.user.id) : [];
	if (groups.length === 0) shareWithEveryone(locals);
	return {
		rooms: await findEventFormRooms(locals.db),
		groups: groups.map((g) => ({ value: String(g.id), label: g.name })),
		fields: describeForm(proposalSchema)
	};
};

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'event-proposal' },
		honeypot: {
			field: PROPOSAL_HONEYPOT_FIELD,
			form: 'event-proposal',
			redirect: '/veranstaltungen/vorschlagen/danke'
		},
		schema: proposalSchema,
		run: (input, { db, actor, event }) =>
			submitEventProposal(db, { actor, input, origin: event.url.origin, locale: getLocale() }),
		// The status page is the confirmation: its address is the private link, to keep.
		redirect: (result) =>
			`${proposalStatusPath(result.statusToken)}&neu=${result.mailed ? 'mail' : 'ohne-mail'}`
	})
};
