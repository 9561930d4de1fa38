import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { deleteNewsPost } from '$lib/server/notices/delete-news-post';
import { getNewsPostById } from '$lib/server/notices/get-news-post-by-id';
import { newsPostSchema } from '$lib/server/notices/notices.schemas';
import { updateNewsPost } from '$lib/server/notices/update-news-post';
import { deleteConfirmationSchema } from '$lib/server/site/site.schemas';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/time';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const post = await orErrorPage(
		event,
		getNewsPostById(locals.db, { actor: locals.actor, id: Number(params.id) })
	);
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
		preview: post.html,
		history: await loadRecordHistory(
			event,
			{ entity: 'news_post', id: post.id },
			// The checkbox "Veröffentlichen" is stored as the publication date.
			{ form: newsPostSchema, fields: { publishedAt: m.content_news_published_at() } }
		)
	};
};

export const actions: Actions = {
	save: backOfficeAction({
		permission: 'content.edit',
		schema: newsPostSchema,
		run: (input, { db, actor, event }) =>
			updateNewsPost(db, { actor, id: Number(event.params.id), input }),
		redirect: { to: '/verwaltung/neuigkeiten', flash: 'saved' }
	}),
	delete: backOfficeAction({
		permission: 'content.edit',
		schema: deleteConfirmationSchema,
		errorsKey: 'deleteErrors',
		run: (_, { db, actor, event }) => deleteNewsPost(db, { actor, id: Number(event.params.id) }),
		redirect: { to: '/verwaltung/neuigkeiten', flash: 'deleted' }
	})
};
