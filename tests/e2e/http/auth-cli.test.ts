import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db/client';
import { migratedPgliteTemplate } from '../../helpers/db';
import { runAdminCommand, setPasswordTokenFrom } from '../../helpers/users';
import { HttpClient, mainText } from '../http';
import { startServer, type RunningServer } from '../server';

/**
 * The admin CLI against a private server and data folder (the shared server's folder is in use):
 * create an admin through `npm run admin`, print usage, use the printed link.
 * The server runs with RATE_LIMIT_PER_MINUTE=2 to see the per-IP limits answer. Over HTTP:
 * nothing here needs a browser. The refusal to open a folder a server holds is tested in-process
 * (src/lib/server/cli/admin.isolated.pglite.test.ts): here it would only cost a process start.
 */
describe('admin CLI and rate limits (private server)', () => {
	let server: RunningServer;
	let token: string;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-cli-e2e-'));

	beforeAll(async () => {
		// A folder that already holds the migrated database (as after a first start): the CLI then
		// opens it instead of running PGlite's initdb, which would cost most of this file's time.
		const prepared = await openDatabase({ dataDir, loadDataDir: await migratedPgliteTemplate() });
		await prepared.close();
		const created = await runAdminCommand(
			['create', 'chefin@example.org', '--name', 'Chefin', '--roles', 'admin'],
			{ DATA_DIR: dataDir, DATABASE_URL: '' }
		);
		expect(created.code, created.stderr).toBe(0);
		expect(created.stdout).toContain('Konto angelegt: chefin@example.org (Rollen: admin)');
		expect(created.stdout).toMatch(/^http:\/\/localhost:3000\/passwort-setzen\?token=[\w-]+$/m);
		token = setPasswordTokenFrom(created.stdout);
		server = await startServer({ RATE_LIMIT_PER_MINUTE: '2', DATABASE_URL: '' }, { dataDir });
	});
	afterAll(async () => {
		await server?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('prints usage for unknown commands', async () => {
		const result = await runAdminCommand(['frobnicate'], { DATA_DIR: dataDir });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('npm run admin -- create');
	});

	it('lets the new admin set a password through the printed link and log in', async () => {
		const client = new HttpClient(server.url);
		const setPath = `/passwort-setzen?token=${token}`;
		const form = await client.get(setPath);
		expect(mainText(form.body)).toContain('chefin@example.org');
		const set = await client.post(setPath, {
			password: 'Chefin-Passwort-2025',
			password_repeat: 'Chefin-Passwort-2025'
		});
		expect(set.status).toBe(303);
		expect(set.location).toContain('/anmelden?hinweis=passwort');
		await client.get(set.location);
		const login = await client.post('/anmelden?/anmelden', {
			email: 'chefin@example.org',
			password: 'Chefin-Passwort-2025'
		});
		expect(login.status).toBe(303);
		expect(login.location).toBe('/verwaltung');
		expect((await client.get('/verwaltung/konten')).status).toBe(200);
	});

	it('answers too many login and reset requests from one address with 429 and a message', async () => {
		const client = new HttpClient(server.url);
		await client.get('/anmelden');
		const post = (url: string, form: Record<string, string>) => client.post(url, form);
		// 5 × RATE_LIMIT_PER_MINUTE = 10 login posts a minute; one was used by the test above.
		const statuses: number[] = [];
		for (let i = 0; i < 10; i++) {
			statuses.push(
				(await post('/anmelden?/anmelden', { email: `x${i}@example.org`, password: 'falsch' }))
					.status
			);
		}
		expect(statuses.slice(0, 9)).toEqual(Array(9).fill(400));
		expect(statuses[9]).toBe(429);
		const limited = await post('/anmelden?/anmelden', {
			email: 'chefin@example.org',
			password: 'Chefin-Passwort-2025'
		});
		expect(limited.status).toBe(429);
		expect(limited.body).toContain('Sie haben in kurzer Zeit sehr viele Anfragen gesendet');

		const resets = [];
		for (let i = 0; i < 3; i++)
			resets.push(await post('/passwort-vergessen', { email: 'chefin@example.org' }));
		expect(resets.map((r) => r.status)).toEqual([200, 200, 429]);
		expect(resets[2].body).toContain('Bitte warten Sie 1 Minute(n)');

		const registrations = [];
		for (let i = 0; i < 3; i++)
			registrations.push(
				await post('/registrieren', { display_name: 'A', email: `r${i}@example.org` })
			);
		expect(registrations.map((r) => r.status)).toEqual([400, 400, 429]);
	});
});
