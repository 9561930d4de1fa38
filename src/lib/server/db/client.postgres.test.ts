import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './client';

// *.postgres.test.ts files run in the PostgreSQL phase only (scripts/test.mjs).
const serverUrl = process.env.TEST_DATABASE_URL;

describe('PostgreSQL client', () => {
	it('survives the server dropping idle connections (restart, failover)', async () => {
		// A database of its own, so terminating connections cannot hit other test files.
		const name = `quartier_client_test_${process.pid}_${Date.now()}`;
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = new URL(serverUrl!);
		url.pathname = `/${name}`;
		const database = await openDatabase({ url: url.toString() });
		expect(database.driver).toBe('postgres');
		try {
			await database.ping();
			const killed = await admin.query(
				'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
				[name]
			);
			expect(killed.rowCount).toBeGreaterThan(0);
			// Give the pool time to notice; an unhandled pool 'error' event would crash the process here.
			await new Promise((r) => setTimeout(r, 300));
			await database.ping();
		} finally {
			await database.close();
			await admin.query(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});
});
