import { createGroup } from '$lib/server/events/create-group';
import { groupSchema } from '$lib/server/events/groups.schemas';
import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { describeForm } from '$lib/server/form-meta';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'groups.manage');
	return {
		fields: describeForm(groupSchema),
		initial: { name: '', description: '', email: '', phone: '', showContact: '' }
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'groups.manage',
		schema: groupSchema,
		run: (input, { db, actor }) => createGroup(db, { actor, input }),
		redirect: { to: '/verwaltung/gruppen', flash: 'created' }
	})
};
