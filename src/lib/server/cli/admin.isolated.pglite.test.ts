import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedPgliteTemplate } from '$tests/helpers/db';
import { openDatabase } from '../db/client';
import { peekUserToken } from '../auth/user-tokens';
import { findUserByEmail } from '../auth/users';
import { runAdminCli, UsageError } from './admin';

// The CLI reads its configuration from the environment once: point it at a private PGlite folder.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-cli-test-'));
const saved = {
	DATA_DIR: process.env.DATA_DIR,
	DATABASE_URL: process.env.DATABASE_URL,
	ORIGIN: process.env.ORIGIN
};

async function run(...argv: string[]) {
	const lines: string[] = [];
	const code = await runAdminCli(argv, (line) => lines.push(line));
	return { code, out: lines.join('\n') };
}

const tokenIn = (out: string) => /passwort-setzen\?token=([A-Za-z0-9_-]+)/.exec(out)?.[1] ?? '';

async function withDatabase<T>(
	fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>
) {
	const database = await openDatabase({ dataDir });
	try {
		return await fn(database.db);
	} finally {
		await database.close();
	}
}

describe('admin CLI', () => {
	beforeAll(async () => {
		// The folder of a server that has started once (initdb and its first start are tested by
		// the data folder tests and the first-run journey).
		const prepared = await openDatabase({ dataDir, loadDataDir: await migratedPgliteTemplate() });
		await prepared.close();
		process.env.DATA_DIR = dataDir;
		process.env.ORIGIN = 'https://quartier.example';
		delete process.env.DATABASE_URL;
	});
	afterAll(() => {
		Object.assign(process.env, saved);
		for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it(
		'creates an admin and prints a one-time link; running again issues a new one',
		{ timeout: 120_000 },
		async () => {
			const first = await run('create', 'Chefin@Example.org', '--name', 'Die Chefin');
			expect(first.code).toBe(0);
			expect(first.out).toContain('Konto angelegt: chefin@example.org (Rollen: admin)');
			expect(first.out).toMatch(/^https:\/\/quartier\.example\/passwort-setzen\?token=[\w-]{43}$/m);

			const second = await run('create', 'chefin@example.org', '--roles', 'content,admin');
			expect(second.code).toBe(0);
			expect(second.out).toContain('gibt es schon');
			await withDatabase(async (db) => {
				const user = await findUserByEmail(db, 'chefin@example.org');
				expect(user).toMatchObject({ displayName: 'Die Chefin', roles: ['content', 'admin'] });
				expect(await peekUserToken(db, tokenIn(first.out), ['set_password'])).toBeNull();
				expect(await peekUserToken(db, tokenIn(second.out), ['set_password'])).not.toBeNull();
			});
		}
	);

	it('lists accounts', async () => {
		await run('create', 'raeume@example.org', '--roles', 'rooms');
		const { code, out } = await run('list');
		expect(code).toBe(0);
		expect(out).toMatch(/chefin@example\.org\tDie Chefin\tcontent,admin\tohne Passwort/);
		expect(out).toMatch(/raeume@example\.org\t\trooms\tohne Passwort/);
	});

	it('refuses bad arguments before touching the database', async () => {
		await expect(run()).rejects.toBeInstanceOf(UsageError);
		await expect(run('delete', 'x@example.org')).rejects.toBeInstanceOf(UsageError);
		await expect(run('create')).rejects.toBeInstanceOf(UsageError);
		await expect(run('create', 'keine-adresse')).rejects.toThrow('Keine gültige E-Mail-Adresse');
		await expect(run('create', 'a@example.org', '--roles', 'admin,boss')).rejects.toThrow(
			'Unbekannte Rolle(n): boss'
		);
		await expect(run('create', 'a@example.org', '--wat')).rejects.toBeInstanceOf(UsageError);
	});

	it('says plainly that the data folder is in use while the server runs', async () => {
		// The parent process stands in for a running server holding the folder.
		fs.writeFileSync(path.join(dataDir, 'quartier.pid'), String(process.ppid));
		try {
			const { code, out } = await run('list');
			expect(code).toBe(1);
			expect(out).toContain(`is in use by process ${process.ppid}`);
			expect(out).toContain('Die Datenbank lässt sich nicht öffnen');
		} finally {
			fs.rmSync(path.join(dataDir, 'quartier.pid'), { force: true });
		}
	});
});
