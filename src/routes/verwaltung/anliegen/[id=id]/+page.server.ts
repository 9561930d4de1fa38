import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { addConcernNote } from '$lib/server/concerns/add-concern-note';
import { answerConcern } from '$lib/server/concerns/answer-concern';
import { assignConcern } from '$lib/server/concerns/assign-concern';
import { changeConcernStatus } from '$lib/server/concerns/change-concern-status';
import { changeConcernVisibility } from '$lib/server/concerns/change-concern-visibility';
import {
	answerSchema,
	assignSchema,
	changeStatusSchema,
	noteSchema,
	visibilitySchema
} from '$lib/server/concerns/concerns.schemas';
import { CONCERN_TRANSITIONS, MANUAL_STATUSES } from '$lib/server/concerns/concerns.states';
import { getConcern } from '$lib/server/concerns/get-concern';
import { loadMergePanel } from '$lib/server/concerns/load-merge-panel';
import { mergeConcern, mergeSchema, mergeTargetOf } from '$lib/server/concerns/merge-concern';
import { forwardConcern } from '$lib/server/concerns/forward-concern';
import { forwardSchema } from '$lib/server/concerns/forward.schemas';
import { getConcernForwarding } from '$lib/server/concerns/find-forwardings';
import { concernOrigin } from '$lib/server/concerns/concern-intake-links';
import { reissueConcernReceipt } from '$lib/server/concerns/reissue-concern-receipt';
import { concernPhotoActions, loadConcernPhotos } from '$lib/server/concerns/concern-photo-actions';
import { describeForm } from '$lib/server/form-meta';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import { statusText, visibilityText } from '$lib/concerns/labels';
import { CONCERN_STATUSES } from '$lib/concerns/choices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'concerns.manage');
	const concern = await orErrorPage(
		event,
		getConcern(event.locals.db, { actor, id: Number(event.params.id) })
	);
	const history = await loadRecordHistory(
		event,
		{ entity: 'concern', id: concern.id },
		{
			fields: {
				status: m.concerns_staff_col_status(),
				visibility: m.concerns_staff_col_visibility(),
				assignedTo: m.concerns_staff_field_assignee()
			},
			values: {
				status: Object.fromEntries(CONCERN_STATUSES.map((s) => [s, statusText(s)])),
				visibility: { public: visibilityText('public'), private: visibilityText('private') },
				assignedTo: Object.fromEntries(
					concern.colleagues.map((c) => [String(c.id), c.name || c.email])
				)
			}
		}
	);
	const moves = CONCERN_TRANSITIONS[concern.status] as readonly string[];
	return {
		concern,
		/** The states staff may set from here by hand (forwarding and merging come with their tools). */
		nextStatuses: MANUAL_STATUSES.filter((s) => moves.includes(s)),
		statusFields: describeForm(changeStatusSchema),
		answerFields: describeForm(answerSchema),
		noteFields: describeForm(noteSchema),
		visibilityFields: describeForm(visibilitySchema),
		merge: {
			...(await loadMergePanel(event.locals.db, { actor, id: concern.id })),
			fields: describeForm(mergeSchema)
		},
		forwarding: await getConcernForwarding(event.locals.db, { actor, concernId: concern.id }),
		forwardFields: describeForm(forwardSchema),
		history,
		intake: await concernOrigin(event.locals.db, { actor, id: concern.id }),
		...(await loadConcernPhotos(event, concern))
	};
};

const done = (id: string | undefined, what: string, mailed = false) =>
	withFlash(`/verwaltung/anliegen/${id ?? ''}?aktion=${what}${mailed ? '&mail=1' : ''}`, 'saved');

export const actions: Actions = {
	status: backOfficeAction({
		permission: 'concerns.manage',
		schema: changeStatusSchema,
		failData: { form: 'status' },
		run: (input, { db, actor, event }) =>
			changeConcernStatus(db, {
				actor,
				id: Number(event.params.id),
				status: input.status,
				message: input.message,
				origin: event.url.origin
			}),
		redirect: (result, { event }) => done(event.params.id, 'stand', result.mailed)
	}),
	answer: backOfficeAction({
		permission: 'concerns.manage',
		schema: answerSchema,
		failData: { form: 'answer' },
		run: (input, { db, actor, event }) =>
			answerConcern(db, {
				actor,
				id: Number(event.params.id),
				answer: input.answer,
				origin: event.url.origin
			}),
		redirect: (result, { event }) => done(event.params.id, 'antwort', result.mailed)
	}),
	note: backOfficeAction({
		permission: 'concerns.manage',
		schema: noteSchema,
		failData: { form: 'note' },
		run: (input, { db, actor, event }) =>
			addConcernNote(db, { actor, id: Number(event.params.id), note: input.note }),
		redirect: (_, { event }) => done(event.params.id, 'notiz')
	}),
	visibility: backOfficeAction({
		permission: 'concerns.manage',
		schema: visibilitySchema,
		failData: { form: 'visibility' },
		run: (input, { db, actor, event }) =>
			changeConcernVisibility(db, {
				actor,
				id: Number(event.params.id),
				visibility: input.visibility
			}),
		redirect: (_, { event }) => done(event.params.id, 'sichtbarkeit')
	}),
	forward: backOfficeAction({
		permission: 'concerns.manage',
		schema: forwardSchema,
		failData: { form: 'forward' },
		run: (input, { db, actor, event }) =>
			forwardConcern(db, {
				actor,
				concernId: Number(event.params.id),
				input,
				origin: event.url.origin
			}),
		redirect: (_, { event }) => done(event.params.id, 'weitergeleitet')
	}),
	assign: backOfficeAction({
		permission: 'concerns.manage',
		schema: assignSchema,
		failData: { form: 'assign' },
		run: (input, { db, actor, event }) =>
			assignConcern(db, { actor, id: Number(event.params.id), assigneeId: input.assignee }),
		redirect: (_, { event }) => done(event.params.id, 'zustaendig')
	}),
	merge: backOfficeAction({
		permission: 'concerns.manage',
		schema: mergeSchema,
		failData: { form: 'merge' },
		run: (input, { db, actor, event }) =>
			mergeConcern(db, {
				actor,
				id: Number(event.params.id),
				target: mergeTargetOf(input),
				notify: input.notify,
				origin: event.url.origin
			}),
		redirect: (result, { event }) => done(event.params.id, 'zusammengefuehrt', result.mailed)
	}),
	/** A fresh status link on a receipt printed again (intake). */
	receipt: backOfficeAction({
		permission: 'concerns.manage',
		failData: { form: 'receipt' },
		run: (_, { db, actor, event }) =>
			reissueConcernReceipt(db, { actor, id: Number(event.params.id) }),
		redirect: (result) => `/verwaltung/anliegen/${result.id}/beleg?link=${result.statusToken}`
	}),
	...concernPhotoActions
};
