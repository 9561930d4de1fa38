import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { logger } from '../logger';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle passed to use cases: the database or an open transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
	db: Db;
	driver: 'pglite' | 'postgres';
	/** Runs pending SQL migrations from the migrations folder. */
	migrate(migrationsFolder: string): Promise<void>;
	ping(): Promise<void>;
	close(): Promise<void>;
}

export interface DatabaseOptions {
	/** postgres://… for a server; otherwise PGlite. */
	url?: string;
	/** Folder for PGlite data; omitted means in memory (tests). */
	dataDir?: string;
	/** A PGlite dump (`dumpDataDir`) to start from, e.g. an already migrated database in tests. */
	loadDataDir?: Blob;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	return options.url ? openPostgres(options.url) : openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(url: string): Promise<Database> {
	const pool = new pg.Pool({ connectionString: url, max: 10 });
	// An idle connection dropped by the server (restart, failover, admin) is reported here; without
	// a listener Node treats it as an uncaught error and the whole app exits. The pool replaces it.
	pool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
	const db = drizzlePg(pool, { schema }) as unknown as Db;
	return {
		db,
		driver: 'postgres',
		migrate: (folder) => migratePg(drizzlePg(pool), { migrationsFolder: folder }),
		ping: async () => {
			await pool.query('select 1');
		},
		close: () => pool.end()
	};
}

async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Database> {
	let release = () => {};
	if (dataDir) {
		fs.mkdirSync(dataDir, { recursive: true });
		release = lockDataDir(dataDir);
	}
	const client = new PGlite({
		dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined,
		loadDataDir
	});
	await client.waitReady;
	const db = drizzlePglite(client, { schema }) as unknown as Db;
	return {
		db,
		driver: 'pglite',
		migrate: (folder) => migratePglite(drizzlePglite(client), { migrationsFolder: folder }),
		ping: async () => {
			await client.query('select 1');
		},
		close: async () => {
			await client.close();
			release();
		}
	};
}
