import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { loadOrError } from '$lib/server/http';
import { deleteNotice } from '$lib/server/notices/delete-notice';
import { getNoticeById } from '$lib/server/notices/get-notice-by-id';
import { noticeStatus } from '$lib/server/notices/notice-rules';
import { noticeSchema } from '$lib/server/notices/notices.schemas';
import { updateNotice } from '$lib/server/notices/update-notice';
import { describeForm } from '$lib/server/form-meta';
import { domainFail } from '$lib/server/site/domain-fail';
import { deleteConfirmationSchema } from '$lib/server/site/site.schemas';
import type { Actions, PageServerLoad } from './$types';
import { actorOf } from '$lib/server/auth/actor';
import { findRecordHistory } from '$lib/server/audit/find-record-history';
import { toLocalInput } from '$lib/server/time';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRole(locals.user, 'content', url.pathname);
	const notice = await loadOrError(getNoticeById(locals.db, Number(params.id)));
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
		history: await findRecordHistory(locals.db, {
			actor: actorOf(locals.user),
			entity: 'notice',
			entityId: notice.id
		})
	};
};

export const actions: Actions = {
	save: async ({ locals, request, url, params }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, noticeSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await updateNotice(locals.db, { actorId: user.id, id: Number(params.id), input: form.data });
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/hinweise?gespeichert=1');
	},
	delete: async ({ locals, request, url, params }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, deleteConfirmationSchema);
		if (!form.ok) return fail(400, { deleteErrors: form.errors });
		try {
			await deleteNotice(locals.db, { actorId: user.id, id: Number(params.id) });
		} catch (err) {
			return domainFail(err, {});
		}
		redirect(303, '/verwaltung/hinweise?geloescht=1');
	}
};
