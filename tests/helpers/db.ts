import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { PGLITE_EXTENSIONS } from '../../src/lib/server/db/pglite-extensions';

const MIGRATIONS = path.resolve('drizzle');

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server in TEST_DATABASE_URL (dropped again by close()).
 */
export async function createTestDatabase(): Promise<Database> {
	if (!process.env.TEST_DATABASE_URL) {
		return openDatabase({ loadDataDir: await migratedPgliteTemplate() });
	}
	const database = await createEmptyTestDatabase();
	await database.migrate(MIGRATIONS);
	return database;
}

/**
 * A fresh database with no migrations applied (to test the migrations themselves): in-memory
 * PGlite, or a new database on the TEST_DATABASE_URL server, dropped again by close().
 */
export async function createEmptyTestDatabase(): Promise<Database> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) return openDatabase({});
	const name = `quartier_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const database = await openDatabase({ url: url.toString() });
	return {
		...database,
		close: async () => {
			await database.close();
			const dropper = new pg.Client({ connectionString: serverUrl });
			await dropper.connect();
			await dropper.query(`drop database if exists ${name} with (force)`);
			await dropper.end();
		}
	};
}

/**
 * Starting PGlite and migrating costs seconds of CPU per test file; loading a dump of an already
 * migrated database is much cheaper. The dump is made once and kept on disk (shared by all test
 * workers and runs), keyed by the migrations and the PGlite version.
 */
export async function migratedPgliteTemplate(): Promise<Blob> {
	const hash = createHash('sha256');
	hash.update(
		JSON.parse(fs.readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version
	);
	for (const file of fs.readdirSync(MIGRATIONS, { recursive: true, encoding: 'utf8' }).sort()) {
		const full = path.join(MIGRATIONS, file);
		if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
	}
	const dir = path.resolve('node_modules/.cache/quartier-tests');
	const file = path.join(dir, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
	if (!fs.existsSync(file)) {
		const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
		await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
		const dump = await client.dumpDataDir('none');
		await client.close();
		fs.mkdirSync(dir, { recursive: true });
		// Written aside and renamed, so a parallel worker never reads half a file.
		const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
		fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		fs.renameSync(partial, file);
	}
	return new Blob([fs.readFileSync(file)]);
}
