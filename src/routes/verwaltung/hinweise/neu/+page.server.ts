import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { createNotice } from '$lib/server/notices/create-notice';
import { noticeSchema } from '$lib/server/notices/notices.schemas';
import { describeForm } from '$lib/server/form-meta';
import { domainFail } from '$lib/server/site/domain-fail';
import type { Actions, PageServerLoad } from './$types';
import { now, toLocalInput } from '$lib/server/time';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
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
	default: async ({ locals, request, url }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, noticeSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await createNotice(locals.db, { actorId: user.id, input: form.data });
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/hinweise?angelegt=1');
	}
};
