import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { defineJob } from '../jobs/define-job';
import { logger } from '../logger';
import { anonymiseOldBookingRequests } from './anonymise-booking-requests';

/** Nightly: requesters' personal data goes ROOM_BOOKING_RETENTION_DAYS after their last date. */
export const anonymiseBookingRequestsJob = defineJob({
	name: 'rooms.anonymise-requests',
	title: () => m.jobs_title_anonymise_bookings({ days: config().ROOM_BOOKING_RETENTION_DAYS }),
	dailyAt: '03:45',
	run: async ({ db, now }) => {
		const count = await anonymiseOldBookingRequests(db, {
			now,
			days: config().ROOM_BOOKING_RETENTION_DAYS
		});
		if (count > 0) logger.info({ count }, 'rooms: personal data of old requests removed');
	}
});
