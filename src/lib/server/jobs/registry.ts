import { accessibilityReviewReminderJob } from '../site/accessibility-review-reminder.job';
import { outboxRetentionJob } from '../mail/outbox-retention.job';
import { anonymiseBookingRequestsJob } from '../rooms/anonymise-booking-requests.job';
import { bookingRemindersJob } from '../rooms/booking-reminders.job';
import { extendEventDatesJob } from '../events/extend-event-dates.job';
import { anonymiseEventRegistrationsJob } from '../events/anonymise-event-registrations.job';
import {
	concernFollowupJob,
	eraseConcernPersonalDataJob
} from '../concerns/concerns-followup.jobs';
import { forwardingRemindersJob } from '../concerns/forwarding-reminders.job';
import type { JobDefinition } from './define-job';

/** Every job the app schedules. Add a job here; its row in scheduled_jobs is created at start. */
export const JOBS: readonly JobDefinition[] = [
	outboxRetentionJob,
	accessibilityReviewReminderJob,
	bookingRemindersJob,
	anonymiseBookingRequestsJob,
	extendEventDatesJob,
	anonymiseEventRegistrationsJob,
	concernFollowupJob,
	eraseConcernPersonalDataJob,
	forwardingRemindersJob
];
