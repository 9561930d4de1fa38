import { getReplyChannels } from '$lib/server/contact/get-reply-channels';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { PageServerLoad } from './$types';
import { shareWithEveryone } from '$lib/server/ops/page-cache';

export const load: PageServerLoad = (event) => {
	shareWithEveryone(event.locals);
	return orErrorPage(event, getReplyChannels(event.locals.db));
};
