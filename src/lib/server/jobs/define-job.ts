import { Temporal } from 'temporal-polyfill';
import { timeZone } from '../time';
import type { Db } from '../db/client';

/** What a job's run gets: the database and the instant it was started at (the app's clock). */
export interface JobContext {
	db: Db;
	now: Date;
}

export type JobSchedule = { every: number } | { dailyAt: string };

export type JobDefinition = JobSchedule & {
	/** Stable key, `area.name`; the row in scheduled_jobs is found by it. */
	name: string;
	/** Shown in the back office (German and English via Paraglide). */
	title: () => string;
	run: (ctx: JobContext) => Promise<void>;
};

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A job in the code's registry: `every` seconds, or daily at a local wall-clock time ('03:30'). */
export function defineJob(definition: JobDefinition): JobDefinition {
	if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/.test(definition.name)) {
		throw new Error(`job name must look like area.name: ${definition.name}`);
	}
	if ('every' in definition && !(Number.isInteger(definition.every) && definition.every > 0)) {
		throw new Error(`job ${definition.name}: every must be a positive number of seconds`);
	}
	if ('dailyAt' in definition && !HH_MM.test(definition.dailyAt)) {
		throw new Error(`job ${definition.name}: dailyAt must be HH:MM`);
	}
	return definition;
}

/** The schedule as stored in the table; a change in code re-plans the next run. */
export function describeSchedule(schedule: JobSchedule): string {
	return 'every' in schedule ? `every ${schedule.every}s` : `daily ${schedule.dailyAt}`;
}

/**
 * The first run strictly after `after`. Daily times are local: in the spring-forward gap
 * (02:30 on the last Sunday of March) the job runs at the first valid instant after it (03:30,
 * Temporal's "compatible" rule); in the repeated autumn hour it runs once, at the first 02:30.
 */
export function nextRunAfter(schedule: JobSchedule, after: Date): Date {
	if ('every' in schedule) return new Date(after.getTime() + schedule.every * 1000);
	const [hour, minute] = schedule.dailyAt.split(':').map(Number);
	const local = Temporal.Instant.fromEpochMilliseconds(after.getTime()).toZonedDateTimeISO(
		timeZone()
	);
	let candidate = local.withPlainTime({ hour, minute });
	if (Temporal.ZonedDateTime.compare(candidate, local) <= 0) {
		candidate = local
			.toPlainDate()
			.add({ days: 1 })
			.toZonedDateTime({
				timeZone: timeZone(),
				plainTime: Temporal.PlainTime.from({ hour, minute })
			});
	}
	return new Date(candidate.epochMilliseconds);
}
