import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireRole } from '$lib/server/auth/roles';
import { parseForm } from '$lib/server/form';
import { loadOrError } from '$lib/server/http';
import { domainFail } from '$lib/server/site/domain-fail';
import { getPageBySlug } from '$lib/server/site/get-site';
import { isEditablePageSlug } from '$lib/server/site/page-slugs';
import { pageSchema } from '$lib/server/site/site.schemas';
import { updatePage } from '$lib/server/site/update-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRole(locals.user, 'content', url.pathname);
	const slug = params.slug;
	if (!isEditablePageSlug(slug)) error(404, m.error_not_found_text());
	const page = await loadOrError(getPageBySlug(locals.db, slug));
	return {
		page: { slug, title: page.title, body: page.body },
		preview: { html: page.html, updatedAt: page.updatedAt },
		saved: url.searchParams.has('gespeichert')
	};
};

export const actions: Actions = {
	default: async ({ locals, request, url, params }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		if (!isEditablePageSlug(params.slug)) error(404, m.error_not_found_text());
		const form = await parseForm(request, pageSchema);
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		try {
			await updatePage(locals.db, { actorId: user.id, slug: params.slug, input: form.data });
		} catch (err) {
			return domainFail(err, form.values);
		}
		// Back to the page itself: staff see the rendered preview of what they saved.
		redirect(303, `/verwaltung/seiten/${params.slug}?gespeichert=1#vorschau`);
	}
};
