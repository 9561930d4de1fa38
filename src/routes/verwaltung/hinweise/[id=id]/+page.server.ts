import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { deleteNotice } from '$lib/server/notices/delete-notice';
import { getNoticeById } from '$lib/server/notices/get-notice-by-id';
import { noticeStatus } from '$lib/server/notices/notice-rules';
import { noticeSchema } from '$lib/server/notices/notices.schemas';
import { updateNotice } from '$lib/server/notices/update-notice';
import { describeForm } from '$lib/server/form-meta';
import { deleteConfirmationSchema } from '$lib/server/site/site.schemas';
import type { Actions, PageServerLoad } from './$types';
import { toLocalInput } from '$lib/server/time';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const notice = await orErrorPage(
		event,
		getNoticeById(locals.db, { actor: locals.actor, id: Number(params.id) })
	);
	return {
		fields: describeForm(noticeSchema),
		notice: {
			title: notice.title,
			body: notice.body,
			priority: notice.priority,
			startsAt: toLocalInput(notice.startsAt),
			endsAt: toLocalInput(notice.endsAt)
		},
		status: noticeStatus(notice),
		history: await loadRecordHistory(
			event,
			{ entity: 'notice', id: notice.id },
			{ form: noticeSchema }
		)
	};
};

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'content.edit',
		schema: noticeSchema,
		run: (input, { db, actor, event }) =>
			updateNotice(db, { actor, id: Number(event.params.id), input }),
		redirect: { to: '/verwaltung/hinweise', flash: 'saved' }
	}),
	delete: backOfficeAction({
		permission: 'content.edit',
		schema: deleteConfirmationSchema,
		errorsKey: 'deleteErrors',
		run: (_, { db, actor, event }) => deleteNotice(db, { actor, id: Number(event.params.id) }),
		redirect: { to: '/verwaltung/hinweise', flash: 'deleted' }
	})
};
