import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '../db/client';
import { currentGeneration, resetContentCache, sharedRead } from './content-cache';

/** The content version that every GET request (and every cached page) reads first. */
describe('currentGeneration', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(() => resetContentCache());

	it('starts a new generation when the content changes', async () => {
		const before = await currentGeneration(database.db);
		expect(await currentGeneration(database.db)).toBe(before);
		await database.db.execute(sql`update content_version set version = version + 1 where id = 1`);
		const after = await currentGeneration(database.db);
		expect(after!.version).toBe(before!.version + 1);
		expect(after!.id).not.toBe(before!.id);
	});

	it('reads the version once for requests that come together', async () => {
		const client = (database.db as unknown as { $client: { query: () => unknown } }).$client;
		await currentGeneration(database.db);
		const query = vi.spyOn(client, 'query');
		try {
			const together = await Promise.all([1, 2, 3, 4, 5].map(() => currentGeneration(database.db)));
			expect(new Set(together).size).toBe(1);
			expect(query).toHaveBeenCalledTimes(1);
		} finally {
			query.mockRestore();
		}
	});
});

describe('sharedRead', () => {
	/** A query whose runs the test ends by hand; `runs` counts them. */
	function controlledQuery() {
		const ends: ((value: number) => void)[] = [];
		const query = () => new Promise<number>((resolve) => ends.push(resolve));
		return { query, ends };
	}
	const turn = () => new Promise((resolve) => setImmediate(resolve));

	it('lets callers of one turn share a run, which starts after all of them', async () => {
		const { query, ends } = controlledQuery();
		const read = sharedRead(query);
		const [a, b] = [read(), read()];
		expect(ends.length).toBe(0);
		await turn();
		await turn();
		expect(ends.length).toBe(1);
		ends[0](7);
		expect(await a).toBe(7);
		expect(await b).toBe(7);
	});

	it('never hands a caller a run that started before it came', async () => {
		const { query, ends } = controlledQuery();
		const read = sharedRead(query);
		const first = read();
		await turn();
		await turn();
		expect(ends.length).toBe(1); // running
		const [second, third] = [read(), read()];
		await turn();
		expect(ends.length).toBe(1); // waits for the running one, then starts its own
		ends[0](1);
		expect(await first).toBe(1);
		await turn();
		await turn();
		expect(ends.length).toBe(2);
		ends[1](2);
		expect(await second).toBe(2);
		expect(await third).toBe(2);
	});

	it('goes on after a failed run', async () => {
		let fail = true;
		const read = sharedRead(async () => {
			if (fail) throw new Error('database away');
			return 5;
		});
		await expect(read()).rejects.toThrow('database away');
		fail = false;
		expect(await read()).toBe(5);
	});
});
