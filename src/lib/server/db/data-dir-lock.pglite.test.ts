import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir, processStartTime } from './data-dir-lock';

const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-lock-test-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const child of children.splice(0)) child.kill();
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A live process that is not us: what a reused pid looks like. */
async function liveProcess(): Promise<number> {
	const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
	children.push(child);
	await new Promise((resolve) => child.once('spawn', resolve));
	return child.pid!;
}

const lockContent = (dir: string) => fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8');
const onLinux = process.platform === 'linux';

describe('data folder lock', () => {
	it('writes pid and start time, and removes the file on release', () => {
		const dir = tempDir();
		const release = lockDataDir(dir);
		const [pid, startedAt] = lockContent(dir).trim().split(' ');
		expect(Number(pid)).toBe(process.pid);
		if (onLinux) expect(startedAt).toBe(processStartTime(process.pid));
		release();
		expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
	});

	it('refuses while the holder runs', async () => {
		const dir = tempDir();
		const pid = await liveProcess();
		const content = `${pid} ${processStartTime(pid) ?? ''}\n`;
		fs.writeFileSync(path.join(dir, LOCK_FILE), content);
		expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
		expect(() => lockDataDir(dir)).toThrow(`is in use by process ${pid}`);
		// A refused start leaves the holder's lock alone.
		expect(lockContent(dir)).toBe(content);
	});

	it('refuses a second lock in the same process', () => {
		const dir = tempDir();
		const release = lockDataDir(dir);
		expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
		release();
	});

	it.runIf(onLinux)(
		'takes over a stale lock whose pid now belongs to another live process',
		async () => {
			const dir = tempDir();
			const pid = await liveProcess();
			// Same pid, but the process that wrote the lock started at another time: it is gone.
			fs.writeFileSync(path.join(dir, LOCK_FILE), `${pid} 1\n`);
			const release = lockDataDir(dir);
			expect(Number(lockContent(dir).split(' ')[0])).toBe(process.pid);
			release();
		}
	);

	it.runIf(onLinux)('takes over a stale lock that carries our own pid (container restart)', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, LOCK_FILE), `${process.pid} 1\n`);
		const release = lockDataDir(dir);
		expect(lockContent(dir).trim()).toBe(`${process.pid} ${processStartTime(process.pid)}`);
		release();
	});

	it('takes over the lock of a process that has died', async () => {
		const dir = tempDir();
		const dead = spawn(process.execPath, ['-e', '0']);
		await new Promise((resolve) => dead.once('exit', resolve));
		fs.writeFileSync(path.join(dir, LOCK_FILE), `${dead.pid} 12345\n`);
		const release = lockDataDir(dir);
		expect(Number(lockContent(dir).split(' ')[0])).toBe(process.pid);
		release();
	});

	it(
		'lets exactly one of several processes win when they start at the same moment',
		{ timeout: 60_000 },
		async () => {
			const dir = tempDir();
			// A stale lock to take over makes the race harder than an empty folder.
			fs.writeFileSync(path.join(dir, LOCK_FILE), `999999999 1\n`);
			const startAt = Date.now() + 6000;
			const script = `
				const { lockDataDir } = await import(${JSON.stringify(path.resolve('src/lib/server/db/data-dir-lock.ts'))});
				while (Date.now() < ${startAt}) {}
				try { lockDataDir(${JSON.stringify(dir)}); console.log('won'); }
				catch (err) { console.log(err.name === 'DataDirInUseError' ? 'refused' : 'error ' + err.message); }
				setTimeout(() => {}, 1500);`;
			const racers = Array.from({ length: 4 }, () => {
				const child = spawn(
					process.execPath,
					['--import', 'tsx', '--input-type=module', '-e', script],
					{ stdio: ['ignore', 'pipe', 'inherit'] }
				);
				children.push(child);
				let out = '';
				child.stdout!.on('data', (d) => (out += d));
				return new Promise<string>((resolve) => child.once('exit', () => resolve(out.trim())));
			});
			const results = await Promise.all(racers);
			expect(results.filter((r) => r === 'won')).toHaveLength(1);
			expect(results.filter((r) => r === 'refused')).toHaveLength(3);
		}
	);
});
