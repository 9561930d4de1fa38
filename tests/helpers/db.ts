import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../../src/lib/server/db/client';
import { PGLITE_EXTENSIONS } from '../../src/lib/server/db/pglite-extensions';

const MIGRATIONS = path.resolve('drizzle');

/**
 * A migrated database with empty tables for one test file: in-memory PGlite by default, or a
 * database on the PostgreSQL server in TEST_DATABASE_URL (dropped when the worker ends). close()
 * empties it for the next file of the same worker.
 */
export async function createTestDatabase(): Promise<Database> {
	if (spare && !spare.inUse) {
		spare.inUse = true;
		return spare.handle;
	}
	const database = await openMigratedDatabase();
	if (spare) return database;
	// The first database of a worker is kept: test files run one after another in a worker
	// (isolate: false keeps this module), and emptying the tables costs milliseconds where a new
	// PGlite or a new migrated PostgreSQL database costs a second.
	const restore = await captureBaseline(database.db);
	const kept: SpareDatabase = {
		inUse: true,
		handle: {
			...database,
			close: async () => {
				await restore();
				kept.inUse = false;
			}
		}
	};
	spare = kept;
	return kept.handle;
}

interface SpareDatabase {
	inUse: boolean;
	handle: Database;
}

let spare: SpareDatabase | null = null;

async function openMigratedDatabase(): Promise<Database> {
	if (!process.env.TEST_DATABASE_URL) {
		return openDatabase({ loadDataDir: await migratedPgliteTemplate() });
	}
	const database = await createEmptyTestDatabase();
	await database.migrate(MIGRATIONS);
	return database;
}

/**
 * Remembers the state right after the migrations (rows the migrations insert, sequence values)
 * and returns a function that brings the database back to it: every table emptied, identities
 * restarted, those rows and sequence values restored.
 */
async function captureBaseline(db: Db): Promise<() => Promise<void>> {
	// node-postgres and PGlite's drizzle driver both answer { rows }.
	const rows = async <T>(query: SQL) =>
		((await db.execute(query)) as unknown as { rows: T[] }).rows;
	const tables = await rows<{ name: string }>(
		sql`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`
	);
	const restores: SQL[] = [];
	for (const { name } of tables) {
		const [{ data }] = await rows<{ data: unknown[] | null }>(
			sql`select json_agg(t) as data from ${sql.raw(name)} t`
		);
		if (!data) continue;
		const columns = await rows<{ column: string }>(sql`
			select format('%I', column_name) as column from information_schema.columns
			where format('%I.%I', table_schema, table_name) = ${name} and is_generated = 'NEVER'`);
		const list = sql.raw(columns.map((c) => c.column).join(', '));
		restores.push(sql`insert into ${sql.raw(name)} (${list}) overriding system value
			select ${list} from json_populate_recordset(null::${sql.raw(name)}, ${JSON.stringify(data)}::json)`);
	}
	const sequences = await rows<{ name: string; value: string | null }>(sql`
		select format('%I.%I', schemaname, sequencename) as name, last_value::text as value
		from pg_sequences where schemaname = 'public'`);
	for (const { name, value } of sequences) {
		restores.push(
			value === null
				? sql`select setval(${name}::regclass, 1, false)`
				: sql`select setval(${name}::regclass, ${value}::bigint, true)`
		);
	}
	const truncate = sql.raw(
		`truncate ${tables.map((t) => t.name).join(', ')} restart identity cascade`
	);
	return async () => {
		await db.transaction(async (tx) => {
			await tx.execute(truncate);
			for (const statement of restores) await tx.execute(statement);
		});
	};
}

/**
 * A fresh database with no migrations applied (to test the migrations themselves): in-memory
 * PGlite, or a new database on the TEST_DATABASE_URL server, dropped again by close().
 */
export async function createEmptyTestDatabase(): Promise<Database> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) return openDatabase({ loadDataDir: await pgliteTemplate('empty') });
	const name = `quartier_test_${process.env.QUARTIER_TEST_RUN ?? 'x'}_${randomBytes(6).toString('hex')}`;
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

/** See pgliteTemplate: loading a dump of a migrated database is much cheaper than migrating. */
export function migratedPgliteTemplate(): Promise<Blob> {
	return pgliteTemplate('migrated');
}

/**
 * A dump of a new PGlite database (`empty`: just after initdb, which alone costs seconds) or of
 * one with all migrations applied (`migrated`), made once and kept on disk, shared by all test
 * workers and runs, keyed by the PGlite version and, for `migrated`, the migrations.
 */
async function pgliteTemplate(kind: 'empty' | 'migrated'): Promise<Blob> {
	const hash = createHash('sha256');
	hash.update(
		JSON.parse(fs.readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version
	);
	if (kind === 'migrated') {
		for (const file of fs.readdirSync(MIGRATIONS, { recursive: true, encoding: 'utf8' }).sort()) {
			const full = path.join(MIGRATIONS, file);
			if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
		}
	}
	const dir = path.resolve('node_modules/.cache/quartier-tests');
	const file = path.join(dir, `pglite-${kind}-${hash.digest('hex').slice(0, 16)}.tar`);
	if (!fs.existsSync(file)) {
		const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
		await client.waitReady;
		if (kind === 'migrated') await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
		const dump = await client.dumpDataDir('none');
		await client.close();
		fs.mkdirSync(dir, { recursive: true });
		// Written aside and renamed, so a parallel worker never reads half a file.
		const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
		fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		fs.renameSync(partial, file);
		removeStaleTemplates(dir, kind);
	}
	return new Blob([fs.readFileSync(file)]);
}

/** Templates of older migrations add up (40 MB each); a day-old one is no longer wanted. */
function removeStaleTemplates(dir: string, kind: string): void {
	const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
	for (const name of fs.readdirSync(dir)) {
		const full = path.join(dir, name);
		if (name.startsWith(`pglite-${kind}-`) && fs.statSync(full).mtimeMs < dayAgo) {
			fs.rmSync(full, { force: true });
		}
	}
}
