import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';

const dirs: string[] = [];
function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-db-test-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The pid named in the folder's lock file ("<pid> <start time>"). */
const lockHolder = (dataDir: string) =>
	Number(fs.readFileSync(path.join(dataDir, 'quartier.pid'), 'utf8').split(' ')[0]);

/** Opens the folder from a second Node process, as a second `npm start` would. */
function openFromAnotherProcess(dataDir: string): { status: number | null; output: string } {
	const script = `
		const { openDatabase } = await import(${JSON.stringify(path.resolve('src/lib/server/db/client.ts'))});
		const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
		await db.close();
		console.log('opened');`;
	const result = spawnSync(
		process.execPath,
		['--import', 'tsx', '--input-type=module', '-e', script],
		{ encoding: 'utf8', timeout: 100_000 }
	);
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('PGlite data folder lock', () => {
	// Starts a second Node process with its own PGlite: slow on a busy machine.
	it(
		'refuses a second process while the first one has the folder open',
		{ timeout: 120_000 },
		async () => {
			const dataDir = tempDir();
			const first = await openDatabase({ dataDir });
			try {
				await first.ping();
				expect(lockHolder(dataDir)).toBe(process.pid);
				const second = openFromAnotherProcess(dataDir);
				expect(second.status).not.toBe(0);
				expect(second.output).toContain(`is in use by process ${process.pid}`);
				// The first process is unharmed and keeps its lock.
				await first.ping();
				expect(lockHolder(dataDir)).toBe(process.pid);
			} finally {
				await first.close();
			}
			expect(fs.existsSync(path.join(dataDir, 'quartier.pid'))).toBe(false);
			// Once closed, the folder opens again with its data.
			const again = await openDatabase({ dataDir });
			await again.ping();
			await again.close();
		}
	);

	it('takes over a lock left behind by a process that has died', async () => {
		const dataDir = tempDir();
		const dead = spawn(process.execPath, ['-e', '0']);
		await new Promise((resolve) => dead.once('exit', resolve));
		fs.writeFileSync(path.join(dataDir, 'quartier.pid'), String(dead.pid));
		const database = await openDatabase({ dataDir });
		expect(lockHolder(dataDir)).toBe(process.pid);
		await database.close();
	});

	it('refuses while the pid in the lock file belongs to a live process', async () => {
		const dataDir = tempDir();
		const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			fs.writeFileSync(path.join(dataDir, 'quartier.pid'), String(holder.pid));
			await expect(openDatabase({ dataDir })).rejects.toThrow(`is in use by process ${holder.pid}`);
			// A refused open must not steal the lock.
			expect(lockHolder(dataDir)).toBe(holder.pid);
		} finally {
			holder.kill();
		}
	});
});

describe('in-memory PGlite', () => {
	it('answers pings until closed', async () => {
		const database = await openDatabase({});
		expect(database.driver).toBe('pglite');
		await database.ping();
		await database.close();
		await expect(database.ping()).rejects.toThrow();
	});
});

const serverUrl = process.env.TEST_DATABASE_URL;

// Only meaningful against a PostgreSQL server; scripts/test.mjs runs this file once with one.
describe.runIf(serverUrl)('PostgreSQL client', () => {
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
