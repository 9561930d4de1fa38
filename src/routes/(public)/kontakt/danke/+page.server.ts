import { getReplyChannels } from '$lib/server/contact/get-reply-channels';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => getReplyChannels(locals.db);
