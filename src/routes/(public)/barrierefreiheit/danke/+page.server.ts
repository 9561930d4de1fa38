import { loadOrError } from '$lib/server/http';
import { getReplyChannels } from '$lib/server/contact/get-reply-channels';
import { getSiteSettings } from '$lib/server/site/get-site';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const site = await loadOrError(getSiteSettings(locals.db));
	return {
		enforcementBody: site.accessibilityEnforcementBody,
		...(await getReplyChannels(locals.db))
	};
};
