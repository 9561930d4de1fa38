import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireRole } from '$lib/server/auth/roles';
import { config } from '$lib/server/config';
import { field, parseForm } from '$lib/server/form';
import { listOutbox } from '$lib/server/mail/outbox';
import { retryOutboxMail } from '$lib/server/mail/retry-outbox-mail';
import { kickMailSender } from '$lib/server/runtime';
import { domainFail } from '$lib/server/site/domain-fail';
import { pageFromUrl } from '$lib/server/site/paging';
import { fail } from '@sveltejs/kit';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'admin', url.pathname);
	const page = pageFromUrl(url);
	const result = await listOutbox(locals.db, page);
	return {
		...result,
		rows: result.rows.map(revealInvisibleIn),
		page,
		smtpConfigured: !!config().SMTP_URL
	};
};

const retrySchema = z.object({
	id: field.integer(() => m.contact_outbox_mail(), 1, 2_147_483_647)
});

export const actions: Actions = {
	retry: async ({ request, locals, url }) => {
		const user = requireRole(locals.user, 'admin', url.pathname);
		const parsed = await parseForm(request, retrySchema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			await retryOutboxMail(locals.db, { id: parsed.data.id, actorId: user.id });
		} catch (err) {
			return domainFail(err, parsed.values);
		}
		kickMailSender();
		return { retried: parsed.data.id };
	}
};
