import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import { getPageBySlug } from '$lib/server/site/get-site';
import { isEditablePageSlug } from '$lib/server/site/page-slugs';
import { pageSchema } from '$lib/server/site/site.schemas';
import { updatePage } from '$lib/server/site/update-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'content.edit');
	const slug = event.params.slug;
	if (!isEditablePageSlug(slug)) error(404, m.error_not_found_text());
	const page = await orErrorPage(event, getPageBySlug(event.locals.db, slug));
	return {
		page: { slug, title: page.title, body: page.body },
		preview: { html: page.html, updatedAt: page.updatedAt },
		// updatePage records the page under its row id, not its slug.
		history: await loadRecordHistory(event, { entity: 'page', id: page.id }, { form: pageSchema })
	};
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'content.edit',
		schema: pageSchema,
		run: (input, { db, actor, event }) =>
			updatePage(db, { actor, slug: event.params.slug ?? '', input }),
		// Back to the page itself: staff see the rendered preview of what they saved.
		redirect: (_, { event }) =>
			withFlash(`/verwaltung/seiten/${event.params.slug}#vorschau`, 'saved')
	})
};
