import { getSiteSettings } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const site = await getSiteSettings(locals.db);
	return {
		intro: site.intro,
		aboutText: site.aboutText,
		tasks: site.tasks,
		goals: site.goals,
		invitation: site.invitation
	};
};
