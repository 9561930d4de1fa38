import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { config } from '$lib/server/config';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import { getOutboxMailById } from '$lib/server/mail/get-outbox-mail-by-id';
import { revealInvisibleIn } from '$lib/server/security/invisible-chars';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const mail = await orErrorPage(
		event,
		getOutboxMailById(locals.db, { actor: locals.actor, id: Number(params.id) })
	);
	return {
		mail: revealInvisibleIn(mail),
		smtpConfigured: !!config().SMTP_URL,
		history: await loadRecordHistory(event, { entity: 'outbox_mail', id: mail.id })
	};
};
