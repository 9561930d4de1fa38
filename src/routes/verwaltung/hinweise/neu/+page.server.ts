import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { createNotice } from '$lib/server/notices/create-notice';
import { noticeSchema } from '$lib/server/notices/notices.schemas';
import { describeForm } from '$lib/server/form-meta';
import type { Actions, PageServerLoad } from './$types';
import { now, toLocalInput } from '$lib/server/time';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	return {
		fields: describeForm(noticeSchema),
		initial: {
			title: '',
			body: '',
			priority: 'info',
			startsAt: toLocalInput(now()),
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
