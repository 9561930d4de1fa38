import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server';

/**
 * What happens when the database goes away under a running server: /healthz says so with 503,
 * pages answer with the friendly error page (no stack trace), and everything recovers once the
 * database is back. Needs a PostgreSQL server to take away: scripts/test.mjs always provides one
 * in E2E_PG_ADMIN_URL. Running the end-to-end tests by hand without PostgreSQL, leave this file
 * out: npx vitest run --project e2e --exclude tests/e2e/ops-database.test.ts
 */
const ADMIN_URL = process.env.E2E_PG_ADMIN_URL || process.env.TEST_DATABASE_URL;

describe('database outage', () => {
	let server: RunningServer;
	let admin: pg.Client;
	const name = `quartier_ops_${process.pid}_${Date.now()}`;

	beforeAll(async () => {
		if (!ADMIN_URL)
			throw new Error(
				'No PostgreSQL server for the outage test: set E2E_PG_ADMIN_URL (npm test does) or exclude this file.'
			);
		admin = new pg.Client({ connectionString: ADMIN_URL });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = new URL(ADMIN_URL);
		url.pathname = `/${name}`;
		server = await startServer({ DATABASE_URL: url.toString(), LOG_LEVEL: 'info' });
	});

	afterAll(async () => {
		await server?.stop();
		if (admin) {
			await admin.query(`alter database ${name} with allow_connections true`).catch(() => {});
			await admin.query(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});

	async function cutOff() {
		await admin.query(`alter database ${name} with allow_connections false`);
		await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [
			name
		]);
	}

	it('reports the database as healthy while it is there', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			status: 'ok',
			database: { status: 'ok', driver: 'postgres' }
		});
	});

	it('answers 503 from /healthz and a friendly 503 page while the database is unreachable', async () => {
		await cutOff();

		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(503);
		expect(health.headers.get('cache-control')).toBe('no-store');
		expect(await health.json()).toMatchObject({
			status: 'error',
			database: { status: 'unreachable' }
		});

		const page = await fetch(`${server.url}/quartiersmanagement`, {
			headers: { accept: 'text/html' }
		});
		expect(page.status).toBe(503);
		expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(page.headers.get('cache-control')).toBe('no-store');
		const html = await page.text();
		const id = /Fehlernummer: ([0-9a-f]{8})/.exec(html)?.[1];
		expect(id, html).toBeDefined();
		expect(html).toContain('weil die Datenbank nicht antwortet');
		// Nothing of the error itself reaches the visitor.
		expect(html).not.toMatch(
			/Error:|\bat .*\.js:\d+|node_modules|allow_connections|not currently accepting/i
		);
		expect(html).toMatch(/<html[^>]* lang="de"/);

		// The error id is what staff look for in the log, where the details are. The log line may
		// reach us a moment after the response.
		const logged = await server.logLinesWith(`"errorId":"${id}"`);
		expect(logged.length).toBe(1);
		expect(JSON.parse(logged[0])).toMatchObject({ path: '/quartiersmanagement' });
		// The server survived the dropped connections.
		expect(server.process.exitCode).toBeNull();
	});

	it('recovers by itself when the database is back', async () => {
		await admin.query(`alter database ${name} with allow_connections true`);
		const deadline = Date.now() + 15_000;
		let status = 0;
		while (Date.now() < deadline) {
			status = (await fetch(`${server.url}/healthz`)).status;
			if (status === 200) break;
			await new Promise((r) => setTimeout(r, 250));
		}
		expect(status).toBe(200);
		const page = await fetch(`${server.url}/quartiersmanagement`);
		expect(page.status).toBe(200);
	});
});

/**
 * A TCP proxy in front of PostgreSQL that can stop forwarding: what a frozen server (SIGSTOP,
 * a full disk, a network partition) looks like to the app. Connections stay open, nothing answers.
 */
async function freezableProxy(target: URL) {
	let frozen = false;
	const pairs = new Set<[net.Socket, net.Socket]>();
	const server = net.createServer((client) => {
		const upstream = net.connect(Number(target.port || 5432), target.hostname);
		const pair: [net.Socket, net.Socket] = [client, upstream];
		pairs.add(pair);
		client.pipe(upstream);
		upstream.pipe(client);
		if (frozen) for (const s of pair) s.pause();
		const drop = () => {
			pairs.delete(pair);
			client.destroy();
			upstream.destroy();
		};
		client.on('error', drop).on('close', drop);
		upstream.on('error', drop).on('close', drop);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		freeze() {
			frozen = true;
			for (const pair of pairs) for (const s of pair) s.pause();
		},
		thaw() {
			frozen = false;
			for (const pair of pairs) for (const s of pair) s.resume();
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const pair of pairs) for (const s of pair) s.destroy();
				server.close(() => resolve());
			})
	};
}

describe('frozen database', () => {
	let server: RunningServer;
	let admin: pg.Client;
	let proxy: Awaited<ReturnType<typeof freezableProxy>>;
	const name = `quartier_ops_frozen_${process.pid}_${Date.now()}`;

	beforeAll(async () => {
		if (!ADMIN_URL) throw new Error('No PostgreSQL server for the frozen-database test.');
		admin = new pg.Client({ connectionString: ADMIN_URL });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const target = new URL(ADMIN_URL);
		proxy = await freezableProxy(target);
		const url = new URL(ADMIN_URL);
		url.host = `127.0.0.1:${proxy.port}`;
		url.pathname = `/${name}`;
		server = await startServer({
			DATABASE_URL: url.toString(),
			DB_CONNECT_TIMEOUT_SECONDS: '1',
			DB_STATEMENT_TIMEOUT_SECONDS: '1'
		});
	});

	afterAll(async () => {
		await server?.stop();
		await proxy?.close();
		if (admin) {
			await admin.query(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});

	it('answers 503 with Retry-After within seconds instead of hanging, and recovers', async () => {
		expect((await fetch(`${server.url}/kontakt`)).status).toBe(200);
		proxy.freeze();
		for (const path of ['/', '/kontakt']) {
			const started = Date.now();
			const page = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) });
			const seconds = (Date.now() - started) / 1000;
			expect(page.status, path).toBe(503);
			expect(seconds, path).toBeLessThan(4);
			expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
			const html = await page.text();
			expect(html).toContain('Bitte versuchen Sie es in einer Minute noch einmal');
			expect(html).not.toMatch(/timeout|Error:|node_modules/i);
		}
		proxy.thaw();
		const deadline = Date.now() + 8000;
		let status = 0;
		while (Date.now() < deadline) {
			status = (await fetch(`${server.url}/kontakt`)).status;
			if (status === 200) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		expect(status).toBe(200);
	});
});
