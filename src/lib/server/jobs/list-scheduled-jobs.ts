import { asc } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import type { Db } from '../db/client';
import { scheduledJobs } from '../db/schema';
import { now } from '../time';
import { JOBS } from './registry';

/** The scheduled jobs with their last and next run, for administrators (Geplante Aufgaben). */
export async function listScheduledJobs(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'jobs.read');
	const known = new Map(JOBS.map((j) => [j.name, j]));
	const rows = await db
		.select({
			name: scheduledJobs.name,
			schedule: scheduledJobs.schedule,
			nextRunAt: scheduledJobs.nextRunAt,
			lastRunAt: scheduledJobs.lastRunAt,
			lastStatus: scheduledJobs.lastStatus,
			lastError: scheduledJobs.lastError,
			attempts: scheduledJobs.attempts,
			failures: scheduledJobs.failures,
			lockedUntil: scheduledJobs.lockedUntil
		})
		.from(scheduledJobs)
		.orderBy(asc(scheduledJobs.name));
	// A row whose job left the code stays visible under its key until someone deletes it.
	return rows.map((r) => {
		const job = known.get(r.name);
		return {
			...r,
			title: job?.title() ?? r.name,
			every: job && 'every' in job ? job.every : null,
			dailyAt: job && 'dailyAt' in job ? job.dailyAt : null,
			running: r.lockedUntil !== null && r.lockedUntil > now()
		};
	});
}
