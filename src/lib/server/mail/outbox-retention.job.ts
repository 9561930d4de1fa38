import { m } from '$lib/paraglide/messages.js';
import { defineJob } from '../jobs/define-job';
import { logger } from '../logger';
import { OUTBOX_RETENTION_DAYS, purgeOldOutboxMails } from './outbox';

/** Nightly: mails sent or failed more than 30 days ago lose their text and attachments. */
export const outboxRetentionJob = defineJob({
	name: 'mail.outbox-retention',
	title: () => m.jobs_title_outbox_retention({ days: OUTBOX_RETENTION_DAYS }),
	dailyAt: '03:15',
	run: async ({ db }) => {
		const purged = await purgeOldOutboxMails(db, OUTBOX_RETENTION_DAYS);
		if (purged > 0) logger.info({ purged }, 'outbox: old mails emptied');
	}
});
