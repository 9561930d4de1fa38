import { getReplyChannels } from '$lib/server/contact/get-reply-channels';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const site = await orErrorPage(event, getSiteSettings(event.locals.db));
	return {
		enforcementBody: site.accessibilityEnforcementBody,
		...(await getReplyChannels(event.locals.db))
	};
};
