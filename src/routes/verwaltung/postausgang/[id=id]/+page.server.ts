import { requireRole } from '$lib/server/auth/roles';
import { config } from '$lib/server/config';
import { loadOrError } from '$lib/server/http';
import { getOutboxMailById } from '$lib/server/mail/get-outbox-mail-by-id';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireRole(locals.user, 'admin', url.pathname);
	const mail = await loadOrError(getOutboxMailById(locals.db, Number(params.id)));
	return { mail: revealInvisibleIn(mail), smtpConfigured: !!config().SMTP_URL };
};
