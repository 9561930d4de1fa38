import { getPageBySlug } from '$lib/server/site/get-site';
import { loadOrError } from '$lib/server/http';
import { findSignLanguageVideo } from '$lib/server/site/sign-language-video';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	page: await loadOrError(getPageBySlug(locals.db, 'gebaerdensprache')),
	video: findSignLanguageVideo()
});
