import { requireRole } from '$lib/server/auth/roles';
import { getContactMessageById } from '$lib/server/contact/get-contact-message-by-id';
import { markMessageAnswered } from '$lib/server/contact/mark-message-answered';
import { loadOrError } from '$lib/server/http';
import { domainFail } from '$lib/server/site/domain-fail';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { Actions, PageServerLoad } from './$types';
import { now } from '$lib/server/time';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireRole(locals.user, 'content', url.pathname);
	const message = await loadOrError(getContactMessageById(locals.db, Number(params.id)));
	return { message: revealInvisibleIn(message), now: now() };
};

export const actions: Actions = {
	answered: async ({ locals, params, url }) => {
		const user = requireRole(locals.user, 'content', url.pathname);
		try {
			await markMessageAnswered(locals.db, { id: Number(params.id), actorId: user.id });
		} catch (err) {
			return domainFail(err, {});
		}
		return { answered: true };
	}
};
