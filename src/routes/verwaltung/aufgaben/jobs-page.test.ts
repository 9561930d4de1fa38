import { actorOf } from '$lib/server/auth/actor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '$lib/server/db/client';
import { scheduledJobs, type StaffRole } from '$lib/server/db/schema';
import { JOBS } from '$lib/server/jobs/registry';
import { syncJobs } from '$lib/server/jobs/scheduler';
import Page from './+page.svelte';
import { load } from './+page.server';

type LoadEvent = Parameters<typeof load>[0];

describe('/verwaltung/aufgaben', () => {
	let database: Database;

	beforeAll(async () => {
		database = await createTestDatabase();
		await syncJobs(database.db, JOBS);
		await database.db
			.update(scheduledJobs)
			.set({
				lastRunAt: new Date('2026-06-01T01:15:00Z'),
				lastStatus: 'failed',
				lastError: 'Verbindung zur Datenbank verloren',
				attempts: 2,
				failures: 3
			})
			.where(eq(scheduledJobs.name, 'mail.outbox-retention'));
	});
	afterAll(async () => {
		await database?.close();
	});

	const loadAs = (roles: StaffRole[] | null) =>
		load({
			locals: {
				db: database.db,
				user: roles && { id: 1, email: 'x@example.org', displayName: '', roles },
				actor: actorOf(roles && { id: 1, email: 'x@example.org', displayName: '', roles })
			},
			url: new URL('http://127.0.0.1/verwaltung/aufgaben')
		} as unknown as LoadEvent) as Promise<{ jobs: unknown[] }>;

	it('shows admins each job with its last run, next run, status, failures and last error', async () => {
		const data = await loadAs(['admin']);
		expect(data.jobs).toHaveLength(JOBS.length);
		const { body } = render(Page, {
			props: { data: { ...data, site: { officeName: 'Quartiersbüro Kaster' } } as never }
		});
		expect(body).toContain('<h1>Geplante Aufgaben</h1>');
		expect(body).toContain('Postausgang aufräumen');
		expect(body).toContain('Erklärung zur Barrierefreiheit');
		expect(body).toContain('täglich um 03:15 Uhr');
		expect(body).toContain('Fehlgeschlagen');
		expect(body).toContain('Verbindung zur Datenbank verloren');
		expect(body).toContain('3 insgesamt, 2 in Folge');
		expect(body).toContain('Noch nicht gelaufen');
	});

	it('refuses other staff (403) and sends anonymous visitors to the login', async () => {
		await expect(loadAs(['content', 'rooms', 'concerns'])).rejects.toMatchObject({ status: 403 });
		await expect(loadAs(null)).rejects.toMatchObject({
			status: 303,
			location: '/anmelden?weiter=%2Fverwaltung%2Faufgaben'
		});
	});
});
