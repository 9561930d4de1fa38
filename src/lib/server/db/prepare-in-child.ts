import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite's initdb (creating a new data folder) needs about 800 MiB, and WebAssembly memory
 * never shrinks: a server that ran it keeps that much for its whole life. So on a new folder the
 * built server first runs itself once more as a short-lived child that creates, migrates and
 * seeds the database and exits; the server then opens the ready folder (about 180 MiB).
 */
export const PREPARE_ONLY_ENV = 'QUARTIER_PREPARE_ONLY';

export const isPrepareOnlyChild = () => process.env[PREPARE_ONLY_ENV] === '1';

/** Whether this start would run initdb in-process: the built server on a new PGlite folder. */
export function needsPreparingInChild(dataDir: string | undefined): boolean {
	return (
		Boolean(import.meta.env?.PROD) &&
		!isPrepareOnlyChild() &&
		dataDir !== undefined &&
		!fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))
	);
}

/** Runs this same server entry as a child in prepare-only mode and waits for it. */
export function prepareInChild(): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...process.execArgv, process.argv[1]], {
			env: { ...process.env, [PREPARE_ONLY_ENV]: '1' },
			stdio: 'inherit'
		});
		child.once('error', reject);
		child.once('exit', (code, signal) =>
			code === 0
				? resolve()
				: reject(new Error(`preparing the database failed (exit ${code ?? signal})`))
		);
	});
}
