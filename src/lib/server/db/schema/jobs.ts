import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const JOB_STATUSES = ['ok', 'failed'] as const;

/**
 * One row per scheduled job (the code's registry says what each job does and how often; this
 * table remembers when it ran and when it is due, across restarts and app instances).
 */
export const scheduledJobs = pgTable(
	'scheduled_jobs',
	{
		name: text('name').primaryKey(),
		/** The schedule as written in code ("every 3600 s", "daily 03:30"); changes are picked up. */
		schedule: text('schedule').notNull(),
		nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
		lastRunAt: timestamp('last_run_at', { withTimezone: true }),
		lastStatus: text('last_status', { enum: JOB_STATUSES }),
		lastError: text('last_error'),
		/** Failures in a row (0 after a success); the backoff grows with it. */
		attempts: integer('attempts').notNull().default(0),
		/** Failures in total, for the back office. */
		failures: integer('failures').notNull().default(0),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		lockedBy: text('locked_by')
	},
	(t) => [
		check(
			'scheduled_jobs_last_status_check',
			sql`${t.lastStatus} is null or ${t.lastStatus} in ('ok', 'failed')`
		)
	]
);
