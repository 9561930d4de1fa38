import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { createNewsPost } from '$lib/server/notices/create-news-post';
import { newsPostSchema } from '$lib/server/notices/notices.schemas';
import { domainFail } from '$lib/server/site/domain-fail';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	return { initial: { title: '', slug: '', summary: '', body: '', published: '' } };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, newsPostSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await createNewsPost(locals.db, { actorId: user.id, input: form.data });
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/neuigkeiten?angelegt=1');
	}
};
