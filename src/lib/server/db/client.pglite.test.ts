import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migratedPgliteTemplate } from '$tests/helpers/db';
import { openDatabase } from './client';

const dirs: string[] = [];
function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-db-test-'));
	dirs.push(dir);
	return dir;
}
/** A migrated database to start from: what these tests check comes after initdb. */
const migrated = () => migratedPgliteTemplate();

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
			const first = await openDatabase({ dataDir, loadDataDir: await migrated() });
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
		const database = await openDatabase({ dataDir, loadDataDir: await migrated() });
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
		const database = await openDatabase({ loadDataDir: await migrated() });
		expect(database.driver).toBe('pglite');
		await database.ping();
		await database.close();
		await expect(database.ping()).rejects.toThrow();
	});
});
