import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one folder corrupt it. This lock is a file
 * created exclusively (`wx`, atomic on local file systems) that names its holder by pid AND the
 * process's start time. A pid alone is not enough: after a crash or a container restart the old
 * pid is often taken by another live process (in a container, often by the new server itself).
 */
export const LOCK_FILE = 'quartier.pid';

export class DataDirInUseError extends Error {
	constructor(dataDir: string, pid: number) {
		super(
			`The data folder ${dataDir} is in use by process ${pid}. Stop that process first (PGlite allows one process per folder).`
		);
		this.name = 'DataDirInUseError';
	}
}

interface Holder {
	pid: number;
	/** Start time in clock ticks since boot (Linux /proc/<pid>/stat), or null where unknown. */
	startedAt: string | null;
}

/** The start time of a process (field 22 of /proc/<pid>/stat), or null off Linux / if gone. */
export function processStartTime(pid: number): string | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) is in parentheses and may itself contain spaces and ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return fields[19] ?? null; // field 22, counted from field 3 (state)
	} catch {
		return null;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		// EPERM: it exists but belongs to another user.
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function parseHolder(content: string): Holder | null {
	const [pid, startedAt] = content.trim().split(/\s+/);
	const n = Number(pid);
	return Number.isInteger(n) && n > 0 ? { pid: n, startedAt: startedAt || null } : null;
}

/** Whether the process named in the lock file still runs (and is the same process). */
function holderIsLive(holder: Holder): boolean {
	if (!isAlive(holder.pid)) return false;
	const now = processStartTime(holder.pid);
	// The pid is alive; if its start time differs, the pid was reused by another process.
	if (holder.startedAt && now) return holder.startedAt === now;
	// Without start times (not Linux, or an old lock file) a live pid counts as the holder,
	// except our own pid: this process has not locked the folder (or it would not ask).
	return holder.pid !== process.pid;
}

function readHolder(lockFile: string): { content: string; holder: Holder | null } | null {
	try {
		const content = fs.readFileSync(lockFile, 'utf8');
		return { content, holder: parseHolder(content) };
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw err;
	}
}

function tryCreate(lockFile: string, content: string): boolean {
	let fd: number;
	try {
		fd = fs.openSync(lockFile, 'wx');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw err;
	}
	try {
		fs.writeSync(fd, content);
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
	return true;
}

/**
 * Takes the lock on `dataDir` or throws DataDirInUseError. Returns the release function.
 * A stale lock (holder gone, or its pid now another process) is removed under a second,
 * short-lived exclusive file, so of two processes that both find it stale only one takes over.
 */
export function lockDataDir(dataDir: string): () => void {
	const lockFile = path.join(dataDir, LOCK_FILE);
	const takeover = `${lockFile}.takeover`;
	const ours = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim() + '\n';
	for (let attempt = 0; attempt < 50; attempt++) {
		if (tryCreate(lockFile, ours)) return releaser(lockFile, ours);
		const found = readHolder(lockFile);
		if (!found) continue; // released between our create and read: try again
		if (found.holder && holderIsLive(found.holder)) {
			throw new DataDirInUseError(dataDir, found.holder.pid);
		}
		if (!found.holder && ageMs(lockFile) < 2000) {
			// Empty: its creator is between the create and the write. Unreadable for longer: stale.
			sleep(20);
			continue;
		}
		// Stale. Only the process that creates the takeover file may remove it.
		if (tryCreate(takeover, ours)) {
			try {
				// Still the same stale content? (Another process may have taken over meanwhile.)
				if (readHolder(lockFile)?.content === found.content) fs.rmSync(lockFile, { force: true });
			} finally {
				fs.rmSync(takeover, { force: true });
			}
		} else {
			// Someone else is taking over; a takeover file older than a few seconds is itself stale
			// (its process died in these few lines).
			if (ageMs(takeover) > 5000) fs.rmSync(takeover, { force: true });
			sleep(20);
		}
	}
	throw new Error(`Could not take the lock on the data folder ${dataDir}; try again.`);
}

function ageMs(file: string): number {
	try {
		return Date.now() - fs.statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}

function sleep(ms: number) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function releaser(lockFile: string, ours: string): () => void {
	return () => {
		try {
			if (fs.readFileSync(lockFile, 'utf8') === ours) fs.unlinkSync(lockFile);
		} catch {
			// already gone
		}
	};
}
