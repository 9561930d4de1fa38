import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migratedPgliteTemplate } from '$tests/helpers/db';
import { openDatabase, type Database } from './client';
import { notices } from './schema';

/**
 * drizzle's per-query type parsers on PGlite (see parsersOnceForDrizzle in client.ts): PGlite
 * gets them once; queries go without them and still read dates, timestamps and intervals.
 */
describe('drizzle on PGlite', () => {
	let database: Database;
	beforeAll(async () => {
		database = await openDatabase({ loadDataDir: await migratedPgliteTemplate() });
	});
	afterAll(async () => {
		vi.restoreAllMocks();
		await database?.close();
	});

	const startsAt = new Date('2026-03-29T00:30:00.000Z');

	async function roundTrip() {
		const [row] = await database.db
			.insert(notices)
			.values({ title: 'Hinweis', startsAt })
			.returning({ id: notices.id, startsAt: notices.startsAt });
		const [found] = await database.db
			.select({ startsAt: notices.startsAt })
			.from(notices)
			.where(eq(notices.id, row.id));
		const inTransaction = await database.db.transaction(async (tx) => {
			const [r] = await tx
				.select({ startsAt: notices.startsAt })
				.from(notices)
				.where(eq(notices.id, row.id));
			return r.startsAt;
		});
		const raw = await database.db.execute(
			sql`select interval '90 minutes' as span, date '2026-10-25' as day, now() as at`
		);
		return { returned: row.startsAt, found: found.startsAt, inTransaction, raw };
	}

	it('reads timestamps as Dates and intervals and dates as text, without per-query parsers', async () => {
		const query = vi.spyOn(PGlite.prototype, 'query');
		const got = await roundTrip();
		expect(got.returned).toEqual(startsAt);
		expect(got.found).toEqual(startsAt);
		expect(got.inTransaction).toEqual(startsAt);
		const [row] = (got.raw as unknown as { rows: Record<string, unknown>[] }).rows;
		expect(row).toMatchObject({ span: '01:30:00', day: '2026-10-25' });
		expect(typeof row.at).toBe('string');
		expect(query.mock.calls.length).toBeGreaterThanOrEqual(3);
		for (const [, , options] of query.mock.calls) expect(options?.parsers).toBeUndefined();
		query.mockRestore();
	});

	it('lets queries bring their parsers again once PGlite rebuilt its table', async () => {
		const client = (database.db as unknown as { $client: PGlite }).$client;
		await client.refreshArrayTypes();
		const query = vi.spyOn(PGlite.prototype, 'query');
		const got = await roundTrip();
		expect(got.found).toEqual(startsAt);
		expect(got.inTransaction).toEqual(startsAt);
		expect(query.mock.calls.some(([, , options]) => options?.parsers)).toBe(true);
		query.mockRestore();
	});
});
