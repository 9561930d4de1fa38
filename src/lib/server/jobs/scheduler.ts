import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { scheduledJobs } from '../db/schema';
import { logger } from '../logger';
import { now } from '../time';
import { describeSchedule, nextRunAfter, type JobDefinition } from './define-job';

export interface Scheduler {
	/** Runs every job that is due now, one after another; returns how many ran. */
	tick(): Promise<number>;
	/** Stops the timer and waits for a job that is running. */
	stop(): Promise<void>;
}

/** How long a claimed job belongs to the instance that claimed it; a crash frees it after this. */
export const JOB_LEASE_MS = 10 * 60_000;

/** After a failure: 1 min, 2 min, 4 min … capped at 1 h, and never later than the next regular run. */
export function retryDelayMs(failuresInARow: number): number {
	return Math.min(60 * 60_000, 60_000 * 2 ** (failuresInARow - 1));
}

/** Writes each job's row (or its changed schedule); existing rows keep their next run. */
export async function syncJobs(db: Db, jobs: readonly JobDefinition[], at = now()) {
	for (const job of jobs) {
		const schedule = describeSchedule(job);
		await db
			.insert(scheduledJobs)
			.values({ name: job.name, schedule, nextRunAt: nextRunAfter(job, at) })
			.onConflictDoUpdate({
				target: scheduledJobs.name,
				set: {
					schedule,
					nextRunAt: sql`case when ${scheduledJobs.schedule} = excluded.schedule then ${scheduledJobs.nextRunAt} else excluded.next_run_at end`
				}
			});
	}
}

/**
 * Claims one due job in one statement. FOR UPDATE SKIP LOCKED makes a second instance pass over
 * a row another instance is claiming; a row claimed and committed a moment ago is re-checked
 * against its new locked_until (PostgreSQL re-evaluates the condition on the newest version),
 * so two instances never both get it.
 */
async function claimDueJob(db: Db, names: string[], instance: string, at: Date) {
	const rows = await db.execute<{ name: string; attempts: number }>(sql`
		update ${scheduledJobs}
		set locked_until = ${new Date(at.getTime() + JOB_LEASE_MS).toISOString()}::timestamptz,
			locked_by = ${instance}
		where name = (
			select name from ${scheduledJobs}
			where name in (${sql.join(
				names.map((n) => sql`${n}`),
				sql`, `
			)})
				and next_run_at <= ${at.toISOString()}::timestamptz
				and (locked_until is null or locked_until <= ${at.toISOString()}::timestamptz)
			order by next_run_at, name
			limit 1
			for update skip locked
		)
		returning name, attempts`);
	// node-postgres returns { rows }, PGlite's drizzle driver too.
	return (rows as unknown as { rows: { name: string; attempts: number }[] }).rows[0];
}

/**
 * Runs the jobs of the registry inside the app. The table, not the process, knows what is due:
 * a restart picks up where it left off, and any number of instances on one PostgreSQL run each
 * job once. Without a claim held by this instance the result is not written (a lease that ran
 * out and was taken over belongs to the other instance).
 */
export function startScheduler(
	db: Db,
	jobs: readonly JobDefinition[],
	options: {
		pollSeconds: number;
		/** A first run this long after the start, so new rows show up before the first poll. */
		firstTickSeconds?: number;
		instance?: string;
	}
): Scheduler {
	const instance = options.instance ?? randomUUID();
	const byName = new Map(jobs.map((j) => [j.name, j]));
	let synced: Promise<void> | null = null;
	let running: Promise<number> | null = null;
	let stopped = false;

	async function runOne(): Promise<boolean> {
		const claimedAt = now();
		if (byName.size === 0) return false;
		const claimed = await claimDueJob(db, [...byName.keys()], instance, claimedAt);
		if (!claimed) return false;
		const job = byName.get(claimed.name)!;
		const mine = and(eq(scheduledJobs.name, job.name), eq(scheduledJobs.lockedBy, instance));
		try {
			await job.run({ db, now: claimedAt });
		} catch (err) {
			const failures = claimed.attempts + 1;
			const message = err instanceof Error ? err.message : String(err);
			logger.warn({ job: job.name, attempt: failures }, 'scheduled job failed');
			const finished = now();
			const retry = new Date(finished.getTime() + retryDelayMs(failures));
			const regular = nextRunAfter(job, finished);
			await db
				.update(scheduledJobs)
				.set({
					lastRunAt: claimedAt,
					lastStatus: 'failed',
					lastError: message.slice(0, 1000),
					attempts: failures,
					failures: sql`${scheduledJobs.failures} + 1`,
					nextRunAt: retry < regular ? retry : regular,
					lockedUntil: null,
					lockedBy: null
				})
				.where(mine);
			return true;
		}
		await db
			.update(scheduledJobs)
			.set({
				lastRunAt: claimedAt,
				lastStatus: 'ok',
				lastError: null,
				attempts: 0,
				nextRunAt: nextRunAfter(job, now()),
				lockedUntil: null,
				lockedBy: null
			})
			.where(mine);
		return true;
	}

	function tick(): Promise<number> {
		if (stopped) return Promise.resolve(0);
		if (running) return running;
		running = (async () => {
			let ran = 0;
			try {
				synced ??= syncJobs(db, jobs).catch((err) => {
					synced = null;
					throw err;
				});
				await synced;
				while (!stopped && (await runOne())) ran += 1;
			} finally {
				running = null;
			}
			return ran;
		})();
		return running;
	}

	const timer = setInterval(() => {
		tick().catch((err) => logger.error({ err }, 'scheduler run failed'));
	}, options.pollSeconds * 1000);
	timer.unref();
	const first =
		options.firstTickSeconds === undefined
			? undefined
			: setTimeout(() => {
					tick().catch((err) => logger.error({ err }, 'scheduler run failed'));
				}, options.firstTickSeconds * 1000);
	first?.unref();

	return {
		tick,
		stop: async () => {
			stopped = true;
			clearInterval(timer);
			clearTimeout(first);
			await running?.catch(() => {});
		}
	};
}
