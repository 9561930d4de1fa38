import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { openDatabase, type Database, type Db } from '../db/client';
import { outboxMails, scheduledJobs, siteSettings, users, type StaffRole } from '../db/schema';
import type { Actor } from '../auth/actor';
import { logger } from '../logger';
import { resetClock, setClock } from '../time';
import { accessibilityReviewReminderJob } from '../site/accessibility-review-reminder.job';
import { defineJob, nextRunAfter, type JobDefinition } from './define-job';
import { listScheduledJobs } from './list-scheduled-jobs';
import { JOBS } from './registry';
import { startScheduler, syncJobs, type Scheduler } from './scheduler';

const T0 = new Date('2026-06-01T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('job schedules', () => {
	it('refuses bad definitions', () => {
		const run = async () => {};
		expect(() => defineJob({ name: 'Bad Name', title: () => 'x', every: 60, run })).toThrow();
		expect(() => defineJob({ name: 'a.b', title: () => 'x', every: 0, run })).toThrow();
		expect(() => defineJob({ name: 'a.b', title: () => 'x', dailyAt: '24:00', run })).toThrow();
		expect(defineJob({ name: 'a.b', title: () => 'x', dailyAt: '03:30', run }).name).toBe('a.b');
	});

	it('plans `every` from the last run and `dailyAt` in Berlin local time, across DST', () => {
		expect(nextRunAfter({ every: 90 }, T0)).toEqual(at('2026-06-01T10:01:30Z'));
		// Summer (UTC+2): 03:30 local is 01:30 UTC; already past today, so tomorrow.
		expect(nextRunAfter({ dailyAt: '03:30' }, T0)).toEqual(at('2026-06-02T01:30:00Z'));
		expect(nextRunAfter({ dailyAt: '13:00' }, T0)).toEqual(at('2026-06-01T11:00:00Z'));
		// Exactly at the time: the next day, so a run never repeats itself.
		expect(nextRunAfter({ dailyAt: '12:00' }, T0)).toEqual(at('2026-06-02T10:00:00Z'));
		// Winter (UTC+1).
		expect(nextRunAfter({ dailyAt: '03:30' }, at('2026-12-01T12:00:00Z'))).toEqual(
			at('2026-12-02T02:30:00Z')
		);
		// Spring forward (29 March 2026, 02:00 → 03:00): 02:30 does not exist, the job runs at 03:30.
		expect(nextRunAfter({ dailyAt: '02:30' }, at('2026-03-28T12:00:00Z'))).toEqual(
			at('2026-03-29T01:30:00Z')
		);
		// Fall back (25 October 2026, 03:00 → 02:00): 02:30 happens twice, the job runs once.
		const first = nextRunAfter({ dailyAt: '02:30' }, at('2026-10-24T12:00:00Z'));
		expect(first).toEqual(at('2026-10-25T00:30:00Z'));
		expect(nextRunAfter({ dailyAt: '02:30' }, first)).toEqual(at('2026-10-26T01:30:00Z'));
	});

	it('registers the real jobs with unique names', () => {
		const names = JOBS.map((j) => j.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names).toContain('mail.outbox-retention');
		expect(names).toContain('site.accessibility-review-reminder');
	});
});

describe('scheduler', () => {
	let database: Database;
	let db: Db;
	const schedulers: Scheduler[] = [];
	let clock = T0;

	const start = (jobs: JobDefinition[], instance?: string, on: Db = db) => {
		const s = startScheduler(on, jobs, { pollSeconds: 3600, instance });
		schedulers.push(s);
		return s;
	};
	const row = async (name: string) =>
		(await db.select().from(scheduledJobs).where(eq(scheduledJobs.name, name)))[0];
	const advance = (ms: number) => {
		clock = new Date(clock.getTime() + ms);
	};

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(scheduledJobs);
		clock = T0;
		setClock(() => clock);
	});
	afterEach(async () => {
		for (const s of schedulers.splice(0)) await s.stop();
		resetClock();
		vi.restoreAllMocks();
	});

	it('runs a job when due, once, and plans the next run; a restart keeps the plan', async () => {
		const runs: Date[] = [];
		const job = defineJob({
			name: 'test.every-hour',
			title: () => 'Test',
			every: 3600,
			run: async ({ now }) => {
				runs.push(now);
			}
		});
		const s = start([job]);
		expect(await s.tick()).toBe(0);
		expect(await row(job.name)).toMatchObject({
			schedule: 'every 3600s',
			nextRunAt: at('2026-06-01T11:00:00Z'),
			lastRunAt: null,
			lastStatus: null
		});

		advance(3600_000);
		expect(await s.tick()).toBe(1);
		expect(await s.tick()).toBe(0);
		expect(runs).toEqual([at('2026-06-01T11:00:00Z')]);
		expect(await row(job.name)).toMatchObject({
			lastRunAt: at('2026-06-01T11:00:00Z'),
			lastStatus: 'ok',
			nextRunAt: at('2026-06-01T12:00:00Z'),
			lockedUntil: null,
			lockedBy: null
		});

		// A restart: a new scheduler on the same table keeps the plan instead of starting over.
		await s.stop();
		advance(30 * 60_000);
		const restarted = start([job]);
		expect(await restarted.tick()).toBe(0);
		expect((await row(job.name)).nextRunAt).toEqual(at('2026-06-01T12:00:00Z'));
		advance(30 * 60_000);
		expect(await restarted.tick()).toBe(1);
		expect(runs).toHaveLength(2);
	});

	it('re-plans when the schedule in the code changes', async () => {
		const run = async () => {};
		await syncJobs(db, [defineJob({ name: 'test.change', title: () => 'T', every: 60, run })]);
		expect((await row('test.change')).nextRunAt).toEqual(at('2026-06-01T10:01:00Z'));
		await syncJobs(db, [defineJob({ name: 'test.change', title: () => 'T', every: 60, run })]);
		expect((await row('test.change')).nextRunAt).toEqual(at('2026-06-01T10:01:00Z'));
		await syncJobs(db, [
			defineJob({ name: 'test.change', title: () => 'T', dailyAt: '13:00', run })
		]);
		expect(await row('test.change')).toMatchObject({
			schedule: 'daily 13:00',
			nextRunAt: at('2026-06-01T11:00:00Z')
		});
	});

	it('records a failure, retries with growing pauses, and resets the streak on success', async () => {
		const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
		let fail = true;
		const job = defineJob({
			name: 'test.flaky',
			title: () => 'Flaky',
			dailyAt: '13:00',
			run: async () => {
				if (fail) throw new Error('SMTP nicht erreichbar');
			}
		});
		const s = start([job]);
		await s.tick();
		advance(60 * 60_000); // 11:00 UTC = 13:00 Berlin
		expect(await s.tick()).toBe(1);
		let r = await row(job.name);
		expect(r).toMatchObject({
			lastStatus: 'failed',
			lastError: 'SMTP nicht erreichbar',
			attempts: 1,
			failures: 1,
			nextRunAt: at('2026-06-01T11:01:00Z')
		});
		expect(warn).toHaveBeenCalled();

		expect(await s.tick()).toBe(0);
		advance(60_000);
		expect(await s.tick()).toBe(1);
		r = await row(job.name);
		expect(r).toMatchObject({ attempts: 2, failures: 2, nextRunAt: at('2026-06-01T11:03:00Z') });

		fail = false;
		advance(2 * 60_000);
		expect(await s.tick()).toBe(1);
		r = await row(job.name);
		expect(r).toMatchObject({
			lastStatus: 'ok',
			lastError: null,
			attempts: 0,
			failures: 2,
			nextRunAt: at('2026-06-02T11:00:00Z')
		});
	});

	it('does not run a job another instance holds until its lease ends', async () => {
		let runs = 0;
		const job = defineJob({
			name: 'test.leased',
			title: () => 'T',
			every: 60,
			run: async () => {
				runs += 1;
			}
		});
		await syncJobs(db, [job]);
		// Another instance claimed it and died.
		await db
			.update(scheduledJobs)
			.set({ lockedBy: 'dead', lockedUntil: at('2026-06-01T10:11:00Z') })
			.where(eq(scheduledJobs.name, job.name));
		const s = start([job]);
		advance(2 * 60_000);
		expect(await s.tick()).toBe(0);
		advance(10 * 60_000);
		expect(await s.tick()).toBe(1);
		expect(runs).toBe(1);
		expect((await row(job.name)).lockedBy).toBeNull();
	});

	it('runs a job once when two instances race for it', async () => {
		// On PostgreSQL the second instance has its own connection pool, as a second app would.
		const second = await openSecondConnection(database);
		try {
			let runs = 0;
			const job = defineJob({
				name: 'test.race',
				title: () => 'T',
				every: 60,
				run: async () => {
					runs += 1;
					await new Promise((r) => setTimeout(r, 30));
				}
			});
			const a = start([job], 'instance-a');
			const b = start([job], 'instance-b', second.db);
			await Promise.all([a.tick(), b.tick()]);
			for (let round = 1; round <= 5; round += 1) {
				advance(60_000);
				const ran = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
				expect(runs).toBe(round);
				expect(ran[0] + ran[1]).toBe(1);
			}
		} finally {
			for (const s of schedulers.splice(0)) await s.stop();
			await second.close();
		}
	});

	it('shows the jobs to admins only', async () => {
		await syncJobs(db, JOBS);
		const staff = (roles: StaffRole[]): Actor => ({
			kind: 'staff',
			id: 1,
			email: 'a@x',
			displayName: '',
			roles
		});
		const admin = staff(['admin']);
		const list = await listScheduledJobs(db, { actor: admin });
		expect(list.map((j) => j.name).sort()).toEqual(JOBS.map((j) => j.name).sort());
		const retention = list.find((j) => j.name === 'mail.outbox-retention')!;
		expect(retention).toMatchObject({ dailyAt: '03:15', lastRunAt: null, running: false });
		expect(retention.title).toMatch(/Postausgang/);

		await expect(
			listScheduledJobs(db, { actor: staff(['content', 'rooms']) })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect(listScheduledJobs(db, { actor: { kind: 'anonymous' } })).rejects.toMatchObject({
			code: 'UNAUTHENTICATED'
		});
	});

	it('reminds each admin once a month while the accessibility review is overdue', async () => {
		await db.delete(outboxMails);
		await db.delete(siteSettings);
		await db.delete(users);
		const ctx = () => ({ db, now: clock });
		// No settings yet (SEED=none): nothing to do, no failure.
		await accessibilityReviewReminderJob.run(ctx());
		await db.insert(siteSettings).values({
			neighbourhoodName: 'Kaster',
			townName: 'Bedburg',
			officeName: 'Quartiersbüro Kaster',
			accessibilityReviewedOn: '2025-03-01'
		});
		await db.insert(users).values([
			{ email: 'admin1@example.org', roles: ['admin'] },
			{ email: 'admin2@example.org', roles: ['admin', 'content'] },
			{ email: 'redaktion@example.org', roles: ['content'] },
			{ email: 'alt@example.org', roles: ['admin'], disabledAt: T0 }
		]);
		await accessibilityReviewReminderJob.run(ctx());
		await accessibilityReviewReminderJob.run(ctx());
		let mails = await db.select().from(outboxMails);
		expect(mails.map((m) => m.recipient).sort()).toEqual([
			'admin1@example.org',
			'admin2@example.org'
		]);
		expect(mails[0]).toMatchObject({
			templateKey: 'site.accessibility-review-reminder',
			locale: 'de'
		});
		expect(mails[0].subject).toContain('Barrierefreiheit');
		expect(mails[0].textBody).toContain('2025-03-01');

		advance(31 * 24 * 60 * 60_000);
		await accessibilityReviewReminderJob.run(ctx());
		mails = await db.select().from(outboxMails);
		expect(mails).toHaveLength(4);

		// Reviewed: no more reminders.
		await db.update(siteSettings).set({ accessibilityReviewedOn: '2026-06-15' });
		advance(31 * 24 * 60 * 60_000);
		await accessibilityReviewReminderJob.run(ctx());
		expect(await db.select().from(outboxMails)).toHaveLength(4);
	});
});

/**
 * A second app instance on the same database: on PostgreSQL a separate pool on the same
 * database; PGlite has one connection, so there the instances share it.
 */
async function openSecondConnection(first: Database): Promise<Database> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) return { ...first, close: async () => {} };
	const result = await first.db.execute(sql`select current_database() as name`);
	const url = new URL(serverUrl);
	url.pathname = `/${(result as unknown as { rows: { name: string }[] }).rows[0].name}`;
	return openDatabase({ url: url.toString() });
}
