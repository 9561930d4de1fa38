import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { addGroupEditor } from '$lib/server/events/add-group-editor';
import { deleteGroup } from '$lib/server/events/delete-group';
import { getGroupForAdmin } from '$lib/server/events/find-groups-admin';
import {
	groupEditorSchema,
	groupSchema,
	removeGroupEditorSchema
} from '$lib/server/events/groups.schemas';
import { removeGroupEditor } from '$lib/server/events/remove-group-editor';
import { updateGroup } from '$lib/server/events/update-group';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import { deleteConfirmationSchema } from '$lib/server/site/site.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = permitted(event, 'groups.manage');
	const id = groupId(event);
	const admin = await orErrorPage(event, () => getGroupForAdmin(event.locals.db, { actor, id }));
	return {
		...admin,
		fields: describeForm(groupSchema),
		editorFields: describeForm(groupEditorSchema),
		history: await loadRecordHistory(
			event,
			{ entity: 'group', id },
			{
				form: groupSchema,
				fields: {
					showContact: m.events_groups_field_show_contact(),
					isExample: m.events_groups_history_example(),
					editor: m.events_groups_history_editor(),
					slug: m.events_groups_history_slug()
				}
			}
		)
	};
};

const groupId = (event: { params: Partial<Record<string, string>> }) => Number(event.params.id);
const pagePath = (event: { params: Partial<Record<string, string>> }) =>
	`/verwaltung/gruppen/${groupId(event)}`;

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'groups.manage',
		schema: groupSchema,
		failData: { form: 'group' },
		run: (input, { db, actor, event }) => updateGroup(db, { actor, id: groupId(event), input }),
		redirect: { to: '/verwaltung/gruppen', flash: 'saved' }
	}),
	addEditor: backOfficeAction({
		permission: 'groups.manage',
		schema: groupEditorSchema,
		failData: { form: 'addEditor' },
		run: ({ email }, { db, actor, event }) =>
			addGroupEditor(db, { actor, groupId: groupId(event), email }),
		redirect: (_, { event }) => `${pagePath(event)}?bearbeiter=1#bearbeiter`
	}),
	removeEditor: backOfficeAction({
		permission: 'groups.manage',
		schema: removeGroupEditorSchema,
		failData: { form: 'removeEditor' },
		run: ({ user }, { db, actor, event }) =>
			removeGroupEditor(db, { actor, groupId: groupId(event), userId: user }),
		redirect: (_, { event }) => `${pagePath(event)}?bearbeiter-entfernt=1#bearbeiter`
	}),
	delete: backOfficeAction({
		permission: 'groups.manage',
		schema: deleteConfirmationSchema,
		errorsKey: 'deleteErrors',
		failData: { form: 'delete' },
		run: (_, { db, actor, event }) => deleteGroup(db, { actor, id: groupId(event) }),
		redirect: { to: '/verwaltung/gruppen', flash: 'deleted' }
	})
};
