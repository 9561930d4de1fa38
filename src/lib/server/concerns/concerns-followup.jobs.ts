import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { defineJob } from '../jobs/define-job';
import { logger } from '../logger';
import { eraseExpiredConcernData } from './erase-concern-personal-data';
import { sendConcernFollowups } from './send-concern-followups';

/** Nightly: submitters' personal data goes CONCERN_RETENTION_MONTHS after a concern was closed. */
export const eraseConcernPersonalDataJob = defineJob({
	name: 'concerns.erase-personal-data',
	title: () => m.concerns_followup_job_erase_title({ months: config().CONCERN_RETENTION_MONTHS }),
	dailyAt: '03:55',
	run: async ({ db, now }) => {
		const count = await eraseExpiredConcernData(db, {
			now,
			months: config().CONCERN_RETENTION_MONTHS
		});
		if (count > 0) logger.info({ count }, 'concerns: personal data of closed concerns erased');
	}
});

/** Daily in the morning: "Ist es wirklich behoben?" CONCERN_FOLLOWUP_DAYS after resolution. */
export const concernFollowupJob = defineJob({
	name: 'concerns.followup',
	title: () => m.concerns_followup_job_followup_title({ days: config().CONCERN_FOLLOWUP_DAYS }),
	dailyAt: '10:00',
	run: async ({ db, now }) => {
		const origin = config().ORIGIN?.replace(/\/+$/, '');
		// Without ORIGIN a mail's link would lead nowhere; the question is sent once, so wait.
		if (!origin) {
			logger.warn('concerns: follow-up mails need ORIGIN; none sent');
			return;
		}
		const count = await sendConcernFollowups(db, {
			now,
			days: config().CONCERN_FOLLOWUP_DAYS,
			origin
		});
		if (count > 0) logger.info({ count }, 'concerns: follow-up questions queued');
	}
});
