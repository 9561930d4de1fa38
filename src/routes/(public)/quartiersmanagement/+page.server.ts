import { getSiteSettings } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = async ({ locals }) => {
	shareWithEveryone(locals);
	const site = await getSiteSettings(locals.db);
	return {
		intro: site.intro,
		aboutText: site.aboutText,
		tasks: site.tasks,
		goals: site.goals,
		invitation: site.invitation
	};
};
