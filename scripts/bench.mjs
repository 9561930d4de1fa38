#!/usr/bin/env node
// `npm run bench`: throughput and latency of the built server, measured with autocannon.
//
//   npm run bench                                   /, /aktuelles, /kontakt; 10 s, 10 connections
//   npm run bench -- -d 30 -c 50 /quartiersmanagement /healthz
//   npm run bench -- --gzip                         ask for compressed answers, as browsers do
//   BUILD_DIR=/tmp/old npm run bench -- --no-build  measure another build as it is
//   npm run bench -- --nginx                        also nginx serving the same bytes (needs nginx)
//   npm run bench -- --rooms                        a year of room bookings first (through the
//                                                   API), then the availability API and a room's
//                                                   week view (with other paths: those as well)
//   npm run bench -- --events                       1,000 coming events (200 of them weekly series)
//                                                   and 10,000 past ones first, then the events
//                                                   list, a filtered list, an event page, the
//                                                   month view, /veranstaltungen.ics, the API
//   npm run bench -- --concerns                     10,000 concerns (nine in ten public) first,
//                                                   then /anliegen, a category of it and
//                                                   GET /open311/v2/requests.json
// Env: BENCH_DURATION, BENCH_CONNECTIONS, BUILD_DIR; DATABASE_URL to measure against PostgreSQL
// instead of PGlite (a temporary data folder otherwise). Besides req/s and latency it prints the
// server's resident memory (VmRSS, sampled every 100 ms, and the kernel's peak VmHWM) from
// /proc on Linux. Figures, not a test: nothing fails on slowness.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ensureBuild } from './lib/build.mjs';
import { freePort } from './lib/system.mjs';
import { serverNodeOptions } from './lib/server-options.mjs';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		duration: { type: 'string', short: 'd', default: process.env.BENCH_DURATION ?? '10' },
		connections: { type: 'string', short: 'c', default: process.env.BENCH_CONNECTIONS ?? '10' },
		gzip: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false },
		nginx: { type: 'boolean', default: false },
		rooms: { type: 'boolean', default: false },
		events: { type: 'boolean', default: false },
		concerns: { type: 'boolean', default: false }
	}
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!(duration > 0) || !(connections > 0)) {
	console.error('duration (-d) and connections (-c) must be positive numbers');
	process.exit(2);
}
const paths =
	positionals.length > 0
		? positionals
		: values.rooms || values.events || values.concerns
			? []
			: ['/', '/aktuelles', '/kontakt'];

// --no-build: measure the build as it is (e.g. an older one kept for a before/after comparison).
const buildDir = values['no-build'] ? (process.env.BUILD_DIR ?? 'build') : ensureBuild();
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-bench-'));
// Production settings; the request log goes nowhere, as it would to a log collector.
const startServer = () =>
	spawn(process.execPath, [...serverNodeOptions(), 'scripts/serve.mjs'], {
		env: {
			...process.env,
			BUILD_DIR: buildDir,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			SECRET: process.env.SECRET ?? 'bench-secret-not-for-production',
			// Filling a year of bookings through the API must not hit the per-client limit.
			...(values.rooms ? { RATE_LIMIT_PER_MINUTE: '1000000' } : {})
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
let server = startServer();
/** True while --events/--concerns has stopped the server on purpose to fill its PGlite folder. */
let restarting = false;

let stopping = false;
async function stop(code) {
	if (!stopping) {
		stopping = true;
		if (server.exitCode === null) {
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
			if (server.exitCode === null) server.kill('SIGKILL');
		}
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
	process.exit(code);
}
process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
function watchServer() {
	server.on('exit', (code) => {
		if (!stopping && !restarting) {
			console.error(`the server exited unexpectedly (${code})`);
			stop(1);
		}
	});
}
watchServer();

async function waitUntilHealthy() {
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			console.error('the server did not become healthy within 60 s');
			await stop(1);
		}
		await new Promise((r) => setTimeout(r, 200));
	}
}
await waitUntilHealthy();

if (values.rooms) paths.push(...(await fillRoomYear()));
if (values.events) paths.push(...(await fillEvents()));
if (values.concerns) paths.push(...(await fillConcerns()));

/** Resident memory of the server from /proc (Linux only): current and the kernel's peak, in MiB. */
function memory() {
	try {
		const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
		const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
		return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
	} catch {
		return { rss: NaN, hwm: NaN };
	}
}
/**
 * CPU time the server has used (user + system, ms). On a shared machine req/s depends on what
 * else runs; CPU time per request does not (much): it says what the server itself costs.
 */
function cpuMs() {
	try {
		const stat = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks
	} catch {
		return NaN;
	}
}
const mib = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const atStart = memory();
let sampledPeak = atStart.rss;
const sampler = setInterval(() => {
	sampledPeak = Math.max(sampledPeak, memory().rss);
}, 100);

const run = (target, seconds) =>
	autocannon({
		url: `${url}${target}`,
		connections,
		duration: seconds,
		headers: values.gzip
			? { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' }
			: { accept: 'text/html' }
	});

console.log(
	`Quartier bench: ${connections} connections, ${duration} s per path, Node ${process.version}, ` +
		`${os.cpus().length} CPUs, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ` +
		`load ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}${values.gzip ? ', compressed answers' : ''}`
);
const rows = [];
for (const target of paths) {
	await run(target, 2); // warm-up: JIT, caches, database connections
	const before = sampledPeak;
	sampledPeak = memory().rss;
	const cpuBefore = cpuMs();
	const r = await run(target, duration);
	const cpuPerRequest = (cpuMs() - cpuBefore) / Math.max(1, r.requests.total);
	const peakHere = Math.max(sampledPeak, memory().rss);
	sampledPeak = Math.max(before, peakHere);
	rows.push({
		path: target,
		'req/s': r.requests.average.toFixed(0),
		'p50 ms': r.latency.p50.toFixed(1),
		'p99 ms': r.latency.p99.toFixed(1),
		'CPU ms/req': Number.isFinite(cpuPerRequest) ? cpuPerRequest.toFixed(2) : '–',
		'RSS MiB': mib(peakHere),
		'kB/req': (r.throughput.total / Math.max(1, r.requests.total) / 1024).toFixed(1),
		requests: String(r.requests.total),
		'non-2xx': String(r.non2xx),
		errors: String(r.errors + r.timeouts)
	});
	console.log(`  ${target} done`);
}

if (values.nginx) await compareWithNginx();

const columns = Object.keys(rows[0]);
const widths = columns.map((c) => Math.max(c.length, ...rows.map((row) => row[c].length)));
const line = (cells) =>
	cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(`\n${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of rows) console.log(line(columns.map((c) => row[c])));
clearInterval(sampler);
const end = memory();
console.log(
	`\nServer memory (MiB): ${mib(atStart.rss)} RSS when ready, ${mib(end.rss)} RSS at the end, ` +
		`${mib(Math.max(sampledPeak, end.rss))} peak sampled, ${mib(end.hwm)} peak (VmHWM, includes start-up)` +
		`; load ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
);
await stop(0);

/**
 * The calendar of a busy neighbourhood, written straight into the database (there is no API to
 * create events): 800 single coming events over two years, 200 weekly series at 19:00 local time
 * with two years of dates, and 10,000 past events (ten times the coming ones), all published.
 * With PGlite the server is stopped for this (it holds the data folder) and started again.
 * Returns the paths to measure.
 */
async function fillEvents() {
	const started = Date.now();
	const categories = `(array['begegnung','bildung','kultur','sport','beratung','kinder','umwelt','beteiligung'])`;
	const single = (prefix, count, days) => `
		insert into events (slug, title, description, moderation, starts_at, ends_at, place_name,
			place_address, categories, target_groups, languages, is_free, last_ends_at, materialised_until)
		select '${prefix}-' || i, 'Veranstaltung ${prefix} ' || i,
			'Treffen im Quartier mit Kaffee, Kuchen und Gesprächen. Nummer ' || i || '.', 'published',
			s, s + interval '2 hours', 'Bürgerhaus Kaster', 'Hauptstraße 1, 50181 Bedburg',
			array[${categories}[1 + i % 8]], array['alle'], array['de'], i % 3 = 0,
			s + interval '2 hours', s + interval '2 hours'
		from (select i, ((current_date + ${days}) + time '10:00' + (i % 10) * interval '1 hour')
			at time zone 'Europe/Berlin' as s from generate_series(1, ${count}) i) x;`;
	const sql = `
		${single('bench', 800, '(1 + i % 700)')}
		${single('bench-past', 10000, '(-1 - i % 1500)')}
		insert into event_occurrences (event_id, starts_at, ends_at, original_start)
			select id, starts_at, ends_at, starts_at from events where slug like 'bench-%';
		insert into events (slug, title, description, moderation, starts_at, ends_at, rrule,
			place_name, place_address, categories, target_groups, languages, last_ends_at,
			materialised_until)
		select 'bench-series-' || i, 'Wöchentlicher Treff ' || i,
			'Jede Woche um 19 Uhr: Spiele, Gespräche und Tee.', 'published', s, s + interval '2 hours',
			'FREQ=WEEKLY;INTERVAL=1', 'Bürgerhaus Kaster', 'Hauptstraße 1, 50181 Bedburg',
			array[${categories}[1 + i % 8]], array['alle'], array['de'],
			now() + interval '730 days', now() + interval '730 days'
		from (select i, ((current_date + 1 + i % 7) + time '19:00') at time zone 'Europe/Berlin' as s
			from generate_series(1, 200) i) x;
		insert into event_occurrences (event_id, starts_at, ends_at, original_start)
			select e.id, o.s, o.s + interval '2 hours', o.s
			from events e,
				lateral (select ((e.starts_at at time zone 'Europe/Berlin')::date + 7 * k + time '19:00')
					at time zone 'Europe/Berlin' as s from generate_series(0, 104) k) o
			where e.slug like 'bench-series-%';`;
	await fillDatabase(sql);
	const counts = await (await fetch(`${url}/api/v1/events?page=1`)).json();
	console.log(
		`events: 1,000 coming (200 weekly series) and 10,000 past events stored in ` +
			`${((Date.now() - started) / 1000).toFixed(0)} s; the API's first page has ${counts.items?.length} dates`
	);
	const month = new Date().toISOString().slice(0, 7);
	return [
		'/veranstaltungen',
		'/veranstaltungen?kategorie=kultur&kostenlos=1',
		'/veranstaltungen/bench-series-1',
		`/veranstaltungen/monat/${month}`,
		'/veranstaltungen.ics',
		'/api/v1/events'
	];
}

/**
 * Runs SQL on the server's database: on PostgreSQL directly; with PGlite the server is stopped
 * for it (it holds the data folder) and started again.
 */
async function fillDatabase(sql) {
	if (process.env.DATABASE_URL) {
		const { default: pg } = await import('pg');
		const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await client.connect();
		await client.query(sql);
		await client.end();
	} else {
		restarting = true;
		const exited = new Promise((resolve) => server.once('exit', resolve));
		server.kill('SIGTERM');
		await exited;
		const { PGlite } = await import('@electric-sql/pglite');
		const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
		const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
		const db = new PGlite({
			dataDir: path.join(dataDir, 'pglite'),
			extensions: { btree_gist, pg_trgm }
		});
		await db.exec(sql);
		await db.close();
		server = startServer();
		watchServer();
		restarting = false;
		await waitUntilHealthy();
	}
}

/**
 * A district's worth of concerns, written straight into the database: 10,000 over the last 80
 * days (so the Open311 list's default 90 days holds all of them), nine in ten public, spread over
 * the categories and states, each with its first timeline entry and every third with a public
 * answer; the year's counter is set past them. Returns the paths to measure.
 */
async function fillConcerns() {
	const started = Date.now();
	const sql = `
		insert into concerns (reference, category_id, description, address, visibility, status,
			channel, created_at, updated_at)
		select 'KAS-' || y.year || '-' || lpad(i::text, 5, '0'),
			(select id from concern_categories order by sort_order, id offset (i % 8) limit 1),
			'Die Laterne an der Ecke ist seit Tagen aus, abends ist es dort sehr dunkel. Nummer ' || i || '.',
			'Hauptstraße ' || (1 + i % 120) || ', 50181 Bedburg',
			case when i % 10 = 0 then 'private' else 'public' end,
			(array['received','in_review','forwarded','in_progress','resolved','declined'])[1 + i % 6],
			'web', now() - (i * interval '691 seconds'), now() - (i * interval '691 seconds')
		from generate_series(1, 10000) i,
			(select extract(year from now() at time zone 'Europe/Berlin')::int as year) y;
		insert into concern_counters (year, last)
			select extract(year from now() at time zone 'Europe/Berlin')::int, 10000
			on conflict (year) do update set last = greatest(concern_counters.last, 10000);
		insert into concern_entries (concern_id, kind, status_to, is_public, created_at)
			select id, 'status', 'received', true, created_at from concerns;
		insert into concern_entries (concern_id, kind, body, is_public, created_at)
			select id, 'answer', 'Danke, wir haben die Stadtwerke informiert.', true,
				created_at + interval '1 hour'
			from concerns where id % 3 = 0;`;
	await fillDatabase(sql);
	const list = await (await fetch(`${url}/open311/v2/requests.json`)).json();
	console.log(
		`concerns: 10,000 (9,000 public) stored in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
			`requests.json lists ${Array.isArray(list) ? list.length : '?'} (at most 1,000)`
	);
	return ['/anliegen', '/anliegen?kategorie=beleuchtung', '/open311/v2/requests.json'];
}

/**
 * A year of bookings: every room, every weekday from the day after tomorrow on, 10–12 and 14–16
 * (about 1,500 requests, all holding their room), through POST /api/v1/bookings as clients would.
 * Returns the paths to measure: one week's availability and one room's week view, half a year on.
 */
async function fillRoomYear() {
	const rooms = await (await fetch(`${url}/api/v1/rooms`)).json();
	const started = Date.now();
	const jobs = [];
	const day = new Date();
	day.setUTCHours(12, 0, 0, 0);
	for (let i = 3; i <= 360; i++) {
		const d = new Date(day.getTime() + i * 86_400_000);
		const weekday = d.getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		const date = d.toISOString().slice(0, 10);
		for (const room of rooms) {
			for (const [from, to] of [
				['10:00', '12:00'],
				['14:00', '16:00']
			]) {
				jobs.push({ roomId: room.id, date, from, to });
			}
		}
	}
	// Berlin is UTC+1 or +2; 10:00 local is safely inside opening hours either way.
	const offset = (date) => {
		const name = new Intl.DateTimeFormat('en', {
			timeZone: 'Europe/Berlin',
			timeZoneName: 'longOffset'
		})
			.formatToParts(new Date(`${date}T12:00:00Z`))
			.find((p) => p.type === 'timeZoneName').value;
		return name === 'GMT' ? '+00:00' : name.slice(3);
	};
	let failed = 0;
	const worker = async () => {
		for (let job = jobs.pop(); job; job = jobs.pop()) {
			const res = await fetch(`${url}/api/v1/bookings`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					roomId: job.roomId,
					start: `${job.date}T${job.from}:00${offset(job.date)}`,
					end: `${job.date}T${job.to}:00${offset(job.date)}`,
					purpose: 'Wöchentliches Gruppentreffen',
					attendees: 5,
					name: 'Bench',
					email: 'bench@example.org',
					organisation: 'Bench-Gruppe',
					showOrganisation: true,
					acceptTerms: true
				})
			});
			if (res.status !== 201) failed++;
			await res.arrayBuffer();
		}
	};
	const total = jobs.length;
	await Promise.all(Array.from({ length: 8 }, worker));
	console.log(
		`rooms: ${total - failed} booking requests stored in ${((Date.now() - started) / 1000).toFixed(0)} s` +
			(failed ? ` (${failed} refused: holidays and closures)` : '')
	);
	const half = new Date(day.getTime() + 182 * 86_400_000);
	while (half.getUTCDay() !== 1) half.setUTCDate(half.getUTCDate() + 1);
	const monday = half.toISOString().slice(0, 10);
	const sunday = new Date(half.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
	return [
		`/api/v1/rooms/${rooms[0].id}/availability?from=${monday}&to=${sunday}`,
		`/raeume/${rooms[0].slug}?woche=${monday}`
	];
}

/**
 * The same HTML bytes from nginx (Debian's, on loopback), one path after the other like ours:
 * what the machine can do at all right now. Adds 'nginx req/s' and the ratio to each row.
 */
async function compareWithNginx() {
	const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
	if (!nginx) {
		console.error('--nginx: no nginx found (Debian: apt-get install nginx)');
		return;
	}
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-bench-nginx-'));
	const nginxPort = await freePort();
	const files = [];
	for (const [i, target] of paths.entries()) {
		const body = Buffer.from(await (await fetch(`${url}${target}`)).arrayBuffer());
		fs.writeFileSync(path.join(root, `${i}.html`), body);
		files.push(`/${i}.html`);
	}
	fs.writeFileSync(
		path.join(root, 'nginx.conf'),
		`daemon off; master_process off; worker_processes 1; pid ${root}/nginx.pid; error_log ${root}/error.log;
events { worker_connections 256; }
http { access_log off; types { text/html html; } default_type text/html;
  client_body_temp_path ${root}; proxy_temp_path ${root}; fastcgi_temp_path ${root}; uwsgi_temp_path ${root}; scgi_temp_path ${root};
  server { listen 127.0.0.1:${nginxPort}; root ${root}; } }
`
	);
	const proc = spawn(nginx, ['-c', path.join(root, 'nginx.conf'), '-p', root], {
		stdio: 'ignore'
	});
	try {
		await new Promise((r) => setTimeout(r, 500));
		for (const [i, row] of rows.entries()) {
			const r = await autocannon({
				url: `http://127.0.0.1:${nginxPort}${files[i]}`,
				connections,
				duration: Math.min(duration, 5)
			});
			row['nginx req/s'] = r.requests.average.toFixed(0);
			row['ours/nginx'] =
				`1:${(r.requests.average / Math.max(1, Number(row['req/s']))).toFixed(0)}`;
		}
	} finally {
		proc.kill();
		fs.rmSync(root, { recursive: true, force: true });
	}
}
