import { getReplyChannels } from '$lib/server/contact/get-reply-channels';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	orErrorPage(event, getReplyChannels(event.locals.db));
