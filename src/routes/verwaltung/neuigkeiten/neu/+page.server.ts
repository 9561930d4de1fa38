import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { createNewsPost } from '$lib/server/notices/create-news-post';
import { newsPostSchema } from '$lib/server/notices/notices.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	return { initial: { title: '', slug: '', summary: '', body: '', published: '' } };
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'content.edit',
		schema: newsPostSchema,
		run: (input, { db, actor }) => createNewsPost(db, { actor, input }),
		redirect: { to: '/verwaltung/neuigkeiten', flash: 'created' }
	})
};
