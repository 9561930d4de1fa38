import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
	url: string;
	dataDir: string;
	process: ChildProcess;
	log: () => string;
	/** Log lines containing `text`, waiting up to 5 s for the first: lines can follow the response. */
	logLinesWith: (text: string) => Promise<string[]>;
	stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Starts the built server (`node build`, so the PID we stop is the server) on a free port with a
 * fresh data folder. Extra env can point it at PostgreSQL, SMTP, or set low limits for a test.
 * `dataDir` reuses a folder prepared before (e.g. by the admin CLI); the caller then removes it.
 */
export async function startServer(
	env: Record<string, string> = {},
	options: { dataDir?: string } = {}
): Promise<RunningServer> {
	const buildDir = process.env.BUILD_DIR ?? 'build';
	if (!fs.existsSync(path.join(buildDir, 'index.js')))
		throw new Error(`No build in ${buildDir}: run npm run build first`);
	const port = await freePort();
	const ownDataDir = !options.dataDir;
	const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-e2e-'));
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	// scripts/serve.mjs runs build/index.js in this process (adds static cache headers).
	const child = spawn(process.execPath, [path.resolve('scripts/serve.mjs')], {
		env: {
			...process.env,
			BUILD_DIR: buildDir,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			SECRET: 'e2e-secret-not-for-production',
			MAIL_POLL_SECONDS: '1',
			LOG_LEVEL: 'warn',
			RATE_LIMIT_PER_MINUTE: '1000',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	if (Date.now() >= deadline) {
		child.kill('SIGKILL');
		throw new Error(`server did not become healthy:\n${output}`);
	}
	return {
		url,
		dataDir,
		process: child,
		log: () => output,
		logLinesWith: async (text) => {
			const until = Date.now() + 5000;
			for (;;) {
				const lines = output.split('\n').filter((line) => line.includes(text));
				if (lines.length > 0 || Date.now() > until) return lines;
				await new Promise((r) => setTimeout(r, 100));
			}
		},
		stop: async () => {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
				if (child.exitCode === null) child.kill('SIGKILL');
			}
			if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
