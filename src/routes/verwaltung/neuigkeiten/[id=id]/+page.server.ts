import { fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { loadOrError } from '$lib/server/http';
import { deleteNewsPost } from '$lib/server/notices/delete-news-post';
import { getNewsPostById } from '$lib/server/notices/get-news-post-by-id';
import { newsPostSchema } from '$lib/server/notices/notices.schemas';
import { updateNewsPost } from '$lib/server/notices/update-news-post';
import { domainFail } from '$lib/server/site/domain-fail';
import { deleteConfirmationSchema } from '$lib/server/site/site.schemas';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/time';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRole(locals.user, 'content', url.pathname);
	const post = await loadOrError(getNewsPostById(locals.db, Number(params.id)));
	return {
		post: {
			title: post.title,
			slug: post.slug,
			summary: post.summary,
			body: post.body,
			published: post.publishedAt ? 'on' : ''
		},
		publishedAt: post.publishedAt,
		isLive: post.publishedAt !== null && post.publishedAt <= now(),
		preview: post.html
	};
};

export const actions: Actions = {
	save: async ({ locals, request, url, params }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, newsPostSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await updateNewsPost(locals.db, {
				actorId: user.id,
				id: Number(params.id),
				input: form.data
			});
		} catch (err) {
			return domainFail(err, form.values);
		}
		redirect(303, '/verwaltung/neuigkeiten?gespeichert=1');
	},
	delete: async ({ locals, request, url, params }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		const form = await parseForm(request, deleteConfirmationSchema);
		if (!form.ok) return fail(400, { deleteErrors: form.errors });
		try {
			await deleteNewsPost(locals.db, { actorId: user.id, id: Number(params.id) });
		} catch (err) {
			return domainFail(err, {});
		}
		redirect(303, '/verwaltung/neuigkeiten?geloescht=1');
	}
};
