import { getPageBySlug } from '$lib/server/site/get-site';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { findSignLanguageVideo } from '$lib/server/site/sign-language-video';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	page: await orErrorPage(event, getPageBySlug(event.locals.db, 'gebaerdensprache')),
	video: findSignLanguageVideo()
});
