import { m } from '$lib/paraglide/messages.js';
import { defineJob } from '../jobs/define-job';
import { logger } from '../logger';
import {
	anonymiseEventRegistrations,
	REGISTRATION_RETENTION_DAYS
} from './anonymise-event-registrations';

/** Nightly: names and addresses of registrations go 30 days after their date. */
export const anonymiseEventRegistrationsJob = defineJob({
	name: 'events.anonymise-registrations',
	title: () => m.events_register_job_title({ days: REGISTRATION_RETENTION_DAYS }),
	dailyAt: '03:50',
	run: async ({ db, now }) => {
		const count = await anonymiseEventRegistrations(db, { now });
		if (count > 0) logger.info({ count }, 'events: personal data of old registrations removed');
	}
});
