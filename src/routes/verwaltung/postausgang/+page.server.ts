import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { config } from '$lib/server/config';
import { field } from '$lib/server/form';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { pageFromUrl } from '$lib/server/forms/paging';
import { findOutboxMails } from '$lib/server/mail/find-outbox-mails';
import { retryOutboxMail } from '$lib/server/mail/retry-outbox-mail';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const result = await orErrorPage(
		event,
		findOutboxMails(locals.db, { actor: locals.actor, page: pageFromUrl(url) })
	);
	return {
		...result,
		rows: result.rows.map(revealInvisibleIn),
		smtpConfigured: !!config().SMTP_URL
	};
};

const retrySchema = z.object({
	id: field.integer(() => m.contact_outbox_mail(), 1, 2_147_483_647)
});

export const actions: Actions = {
	retry: backOfficeAction({
		permission: 'outbox.retry',
		schema: retrySchema,
		run: async ({ id }, { db, actor }) => {
			await retryOutboxMail(db, { actor, id });
			return id;
		},
		respond: (id) => ({ retried: id })
	})
};
