import { toBerlinLocalInput } from '$lib/server/form';
import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { createNotice } from '$lib/server/notices/create-notice';
import { noticeSchema } from '$lib/server/notices/notices.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	return {
		initial: {
			title: '',
			body: '',
			priority: 'info',
			startsAt: toBerlinLocalInput(new Date()),
			endsAt: ''
		}
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'content.edit',
		schema: noticeSchema,
		run: (input, { db, actor }) => createNotice(db, { actor, input }),
		redirect: { to: '/verwaltung/hinweise', flash: 'created' }
	})
};
