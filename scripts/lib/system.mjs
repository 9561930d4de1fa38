// System dependencies of the test run (Chromium, PostgreSQL) and a throwaway PostgreSQL cluster.
// Plain Node, no dependencies: this runs before anything else is known to work.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const hasCommand = (name) =>
	spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** Installs Debian packages when we may (root with apt-get); returns whether it worked. */
function aptInstall(packages, log) {
	if (!isRoot() || !hasCommand('apt-get')) return false;
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		spawnSync('apt-get', ['install', '-y', ...packages], {
			stdio: 'inherit',
			env
		}).status === 0;
	log(`installing ${packages.join(' ')} with apt-get …`);
	if (install()) return true;
	// A fresh container has no package lists yet; only then is the (slow) update worth it.
	log('apt-get install failed; running apt-get update and trying again …');
	spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
	return install();
}

export function chromiumPath() {
	return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Makes sure the browser for the end-to-end tests is there; throws with what to install if not. */
export function ensureChromium(log) {
	const executable = chromiumPath();
	if (fs.existsSync(executable)) return executable;
	if (!process.env.CHROMIUM_PATH && aptInstall(['chromium'], log) && fs.existsSync(executable))
		return executable;
	throw new Error(
		`Chromium is missing (looked for ${executable}).\n` +
			'  Install it, e.g. on Debian: sudo apt-get install chromium\n' +
			'  or point CHROMIUM_PATH at an installed Chromium or Chrome.'
	);
}

function findPostgresBin() {
	if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, 'initdb')))
		return process.env.PG_BIN;
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(root)) {
		const versions = fs
			.readdirSync(root)
			.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length > 0) return path.join(root, versions[0], 'bin');
	}
	// Elsewhere (Homebrew, Fedora) the binaries are on the PATH.
	if (hasCommand('initdb') && hasCommand('pg_ctl')) {
		const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
		return path.dirname(found.stdout.trim());
	}
	return undefined;
}

/** Finds initdb/pg_ctl, installing Debian's postgresql when we may; throws with advice if not. */
export function ensurePostgres(log) {
	let bin = findPostgresBin();
	if (!bin && aptInstall(['postgresql'], log)) bin = findPostgresBin();
	if (!bin)
		throw new Error(
			'The PostgreSQL server programs (initdb, pg_ctl) are missing.\n' +
				'  Install them, e.g. on Debian: sudo apt-get install postgresql\n' +
				'  or set PG_BIN to their folder, or TEST_DATABASE_URL to an existing server\n' +
				'  (postgres://user@host:port/db of a user allowed to create databases).'
		);
	return bin;
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * Starts a PostgreSQL cluster that exists only for this run: a temp folder, loopback only, no
 * password (trust), fsync off. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` system user, which must own the folder. Call stop() (synchronous, so it also works
 * from exit handlers) to shut it down and delete the folder.
 */
export async function startThrowawayCluster(bin, log) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-pg-'));
	const dataDir = path.join(dir, 'data');
	const port = await freePort();
	let runAs = (command, args) => [command, args];
	if (isRoot()) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
		if (!uid) {
			fs.rmSync(dir, { recursive: true, force: true });
			throw new Error(
				'Running as root, but there is no "postgres" system user to run PostgreSQL as.\n' +
					"  Install Debian's postgresql package (it creates the user), or run npm test as a normal user."
			);
		}
		fs.chownSync(dir, uid, gid);
		runAs = hasCommand('runuser')
			? (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]]
			: (command, args) => [
					'su',
					['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')]
				];
	}
	const run = (command, args, options = {}) => {
		const [cmd, argv] = runAs(path.join(bin, command), args);
		const result = spawnSync(cmd, argv, { cwd: dir, encoding: 'utf8', ...options });
		if (result.status !== 0 && !options.allowFailure) {
			throw new Error(
				`${command} failed (${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`
			);
		}
		return result;
	};

	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
			run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'], {
				allowFailure: true
			});
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};

	try {
		log(`initdb in ${dir} …`);
		run('initdb', [
			'-D',
			dataDir,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync'
		]);
		const options = [
			`-p ${port}`,
			`-k ${dir}`,
			'-c listen_addresses=127.0.0.1',
			'-c fsync=off',
			'-c synchronous_commit=off',
			'-c full_page_writes=off',
			'-c max_connections=200'
		].join(' ');
		run('pg_ctl', [
			'-D',
			dataDir,
			'-l',
			path.join(dir, 'server.log'),
			'-o',
			options,
			'-w',
			'-t',
			'60',
			'start'
		]);
	} catch (err) {
		const serverLog = path.join(dir, 'server.log');
		if (fs.existsSync(serverLog)) log(fs.readFileSync(serverLog, 'utf8'));
		stop();
		throw err;
	}
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
}

function shellQuote(arg) {
	return `'${String(arg).replace(/'/g, `'\\''`)}'`;
}
