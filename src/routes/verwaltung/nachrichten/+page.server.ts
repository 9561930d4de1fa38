import { requireRole } from '$lib/server/auth/roles';
import { findContactMessages } from '$lib/server/contact/find-contact-messages';
import { pageFromUrl } from '$lib/server/site/paging';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { PageServerLoad } from './$types';
import { now } from '$lib/server/time';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	const result = await findContactMessages(locals.db, { page: pageFromUrl(url) });
	return { ...result, rows: result.rows.map(revealInvisibleIn), now: now() };
};
