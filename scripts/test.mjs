#!/usr/bin/env node
// `npm test`: the whole check a newcomer or CI runs after `npm install`.
//
//   1. system dependencies: Chromium and the PostgreSQL server programs (installed with apt-get
//      when running as root on Debian, otherwise a message says what to install);
//   2. a throwaway PostgreSQL cluster on loopback (always stopped and deleted at the end);
//   3. phases: svelte-kit sync; unit + integration tests on PGlite (TZ=UTC) and on PostgreSQL
//      (TZ=Europe/Berlin); vite build; HTTP tests against the built server on PGlite; browser
//      tests (Chromium) against it; a smaller HTTP pass against the built server on PostgreSQL.
//
// Usage: npm test                        everything
//        npm test -- unit-pglite build   only the named phases (sync always runs)
// Env:   TEST_DATABASE_URL   use this PostgreSQL server instead of starting a cluster
//        E2E_POSTGRES=full   run all HTTP and browser tests on PostgreSQL too
//        CHROMIUM_PATH, PG_BIN, BUILD_DIR, KIT_OUT_DIR
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensurePostgres, startThrowawayCluster } from './lib/system.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

// The PostgreSQL pass against the built server repeats only what depends on the driver: the
// server starting, migrating and seeding on a real server (global setup), every public page's
// loaders (public-html), sessions, CSRF, health and error pages (ops-http), logins and roles
// (auth-roles). The domain logic on PostgreSQL is covered by the unit phase, which runs completely
// on both databases; browser-level checks (widths, axe, keyboard) do not depend on the database.
// ops-database uses PostgreSQL in the PGlite pass already.
const HTTP_POSTGRES_SUBSET = [
	'tests/e2e/http/public-html',
	'tests/e2e/http/ops-http',
	'tests/e2e/http/auth-roles'
];

const PHASES = ['unit-pglite', 'unit-postgres', 'build', 'http-pglite', 'browser', 'http-postgres'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) {
	if (!PHASES.includes(name)) {
		console.error(`Unknown phase "${name}". Phases: ${PHASES.join(', ')}`);
		process.exit(2);
	}
}
const selected = (name) => wanted.length === 0 || wanted.includes(name);

const log = (message) => console.log(`\x1b[1m[test]\x1b[0m ${message}`);
const results = [];
const runStarted = Date.now();
let current = null;
const cleanups = [];

/** Ends a child's whole process group (vitest workers, test servers), not just the child. */
function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

function cleanup() {
	if (current) killGroup(current, 'SIGTERM');
	while (cleanups.length > 0) {
		try {
			cleanups.pop()();
		} catch (err) {
			console.error('cleanup failed:', err);
		}
	}
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		log(`${signal}: stopping`);
		cleanup();
		process.exit(130);
	});
}

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

/** Runs a command, streaming its output; resolves with its exit code. */
function run(command, args, env = {}) {
	return new Promise((resolve) => {
		// Its own process group, so that stopping it also stops whatever it started.
		const child = spawn(command, args, {
			stdio: 'inherit',
			env: { ...process.env, ...env },
			detached: true
		});
		current = child;
		child.on('error', (err) => {
			console.error(err);
			resolve(1);
		});
		child.on('exit', (code, signal) => {
			current = null;
			// Anything left behind (a test server of a crashed run) goes too.
			killGroup(child, 'SIGKILL');
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

async function phase(name, detail, body) {
	if (!selected(name)) return true;
	const started = Date.now();
	log(`── ${name}: ${detail}`);
	let ok = false;
	let note = '';
	try {
		ok = (await body()) === 0;
	} catch (err) {
		note = err instanceof Error ? err.message : String(err);
		console.error(note);
	}
	const seconds = (Date.now() - started) / 1000;
	results.push({ name, detail, status: ok ? 'passed' : 'FAILED', seconds, note });
	log(`── ${name} ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(0)} s`);
	return ok;
}

function skip(name, detail, reason) {
	if (selected(name)) results.push({ name, detail, status: 'skipped', seconds: 0, note: reason });
}

// The budget of `npm test` on the CI machine (2 cores): see README "Tests".
const BUDGET_SECONDS = 8 * 60;
const BROWSER_SHARE = 1 / 3;
const BROWSER_PHASES = ['browser'];

function summary() {
	const total = (Date.now() - runStarted) / 1000;
	const width = Math.max(...results.map((r) => r.name.length), 5);
	const seconds = (s) => `${s.toFixed(0)} s`.padStart(6);
	const share = (s) => `${((100 * s) / Math.max(total, 1)).toFixed(0)} %`.padStart(5);
	console.log('\n\x1b[1mSummary\x1b[0m');
	for (const r of results) {
		const colour = r.status === 'passed' ? '32' : r.status === 'skipped' ? '33' : '31';
		console.log(
			`  ${r.name.padEnd(width)}  \x1b[${colour}m${r.status.padEnd(7)}\x1b[0m ${seconds(r.seconds)} ${share(r.seconds)}  ${r.detail}${r.note ? ` (${r.note.split('\n')[0]})` : ''}`
		);
	}
	console.log(`  ${'total'.padEnd(width)}  ${''.padEnd(7)} ${seconds(total)}`);
	const browser = results
		.filter((r) => BROWSER_PHASES.includes(r.name))
		.reduce((sum, r) => sum + r.seconds, 0);
	const complete = PHASES.every((name) => results.some((r) => r.name === name));
	const over = [];
	if (complete && total > BUDGET_SECONDS) over.push(`total over ${BUDGET_SECONDS} s`);
	if (complete && browser > total * BROWSER_SHARE) over.push('browser tests over a third');
	console.log(
		`  budget: total ${total.toFixed(0)} s of ${BUDGET_SECONDS} s, browser tests ${browser.toFixed(0)} s = ${share(browser).trim()} of the run (at most ${Math.round(BROWSER_SHARE * 100)} %)` +
			(complete ? '' : ' [not all phases ran]') +
			(over.length > 0 ? ` \x1b[33m${over.join(', ')}\x1b[0m` : '')
	);
	return results.every((r) => r.status === 'passed');
}

function finish() {
	const ok = summary();
	cleanup();
	process.exit(ok ? 0 : 1);
}

async function withDatabase(adminUrl, body) {
	const { default: pg } = await import('pg');
	const name = `quartier_e2e_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	try {
		return await body(url.toString());
	} finally {
		const dropper = new pg.Client({ connectionString: adminUrl });
		await dropper.connect();
		await dropper.query(`drop database if exists ${name} with (force)`);
		await dropper.end();
	}
}

// ── Preparation ──────────────────────────────────────────────────────────────────────────────

if (!fs.existsSync('node_modules/.bin/vitest')) {
	console.error('The dependencies are missing: run `npm install` first.');
	process.exit(1);
}

const needsBrowser =
	selected('browser') || (selected('http-postgres') && process.env.E2E_POSTGRES === 'full');
// The browser phase runs on PGlite; ops-database (http) takes a PostgreSQL database away.
const needsPostgres =
	selected('unit-postgres') || selected('http-pglite') || selected('http-postgres');
let pgUrl = process.env.TEST_DATABASE_URL;
try {
	if (needsBrowser) log(`Chromium: ${ensureChromium(log)}`);
	if (needsPostgres && !pgUrl) {
		const bin = ensurePostgres(log);
		const cluster = await startThrowawayCluster(bin, log);
		cleanups.push(() => {
			log('stopping the throwaway PostgreSQL cluster');
			cluster.stop();
		});
		pgUrl = cluster.url;
		log(`PostgreSQL (${bin}) running at ${pgUrl}`);
	} else if (pgUrl) {
		log(`PostgreSQL: using TEST_DATABASE_URL ${pgUrl.replace(/:[^:@/]*@/, ':***@')}`);
	}
} catch (err) {
	console.error(`\n${err instanceof Error ? err.message : err}\n`);
	results.push({
		name: 'setup',
		detail: 'system dependencies',
		status: 'FAILED',
		seconds: 0,
		note: ''
	});
	finish();
}

const buildDir = process.env.BUILD_DIR ?? 'build';
const e2eEnv = { E2E_PG_ADMIN_URL: pgUrl ?? '' };

// ── Phases ───────────────────────────────────────────────────────────────────────────────────

const synced = await phase('sync', 'svelte-kit sync (generated types)', () =>
	run(bin('svelte-kit'), ['sync'])
);
if (!synced) finish();

const UNIT = ['run', '--project', 'unit', '--project', 'unit-isolated'];

await phase('unit-pglite', 'unit + integration tests on PGlite, TZ=UTC', () =>
	run(bin('vitest'), UNIT, {
		TZ: 'UTC',
		TEST_DATABASE_URL: ''
	})
);

await phase('unit-postgres', 'unit + integration tests on PostgreSQL, TZ=Europe/Berlin', () =>
	run(bin('vitest'), UNIT, {
		TZ: 'Europe/Berlin',
		TEST_DATABASE_URL: pgUrl
	})
);

const built = await phase('build', `vite build into ${buildDir}/`, async () => {
	const code = await run(bin('vite'), ['build', '--logLevel', 'warn']);
	// Lets `npm start` reuse this build instead of building again.
	if (code === 0 && buildDir === 'build')
		fs.writeFileSync('build/.built-at', new Date().toISOString());
	return code;
});

const hasBuild = fs.existsSync(path.join(buildDir, 'index.js'));
if (!built || !hasBuild) {
	for (const name of ['http-pglite', 'browser', 'http-postgres'])
		skip(name, 'against the build', 'no build');
} else {
	await phase('http-pglite', 'HTTP tests against the built server on PGlite', () =>
		run(bin('vitest'), ['run', '--project', 'http'], { ...e2eEnv, E2E_DATABASE_URL: '' })
	);
	await phase('browser', 'browser tests (Chromium) against the built server on PGlite', () =>
		run(bin('vitest'), ['run', '--project', 'browser'], { E2E_DATABASE_URL: '' })
	);
	const full = process.env.E2E_POSTGRES === 'full';
	const onPostgres = (args) =>
		withDatabase(pgUrl, (databaseUrl) =>
			run(bin('vitest'), ['run', ...args], { ...e2eEnv, E2E_DATABASE_URL: databaseUrl })
		);
	await phase(
		'http-postgres',
		`${full ? 'HTTP and browser tests' : 'HTTP tests (public-html, ops-http, auth-roles)'} against the built server on PostgreSQL`,
		async () => {
			if (!full) return onPostgres(['--project', 'http', ...HTTP_POSTGRES_SUBSET]);
			// One server per project run: each gets its own database.
			const http = await onPostgres(['--project', 'http']);
			return http === 0 ? onPostgres(['--project', 'browser']) : http;
		}
	);
}

finish();
