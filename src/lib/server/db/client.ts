import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types, type QueryOptions } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { logger } from '../logger';
import { PGLITE_EXTENSIONS } from './pglite-extensions';
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
	/** PostgreSQL server only: how long to wait before giving up (see DatabaseTimeouts). */
	timeouts?: Partial<DatabaseTimeouts>;
	/** PGlite only: PostgreSQL's shared_buffers in MiB (its own default, 128, is most of its memory). */
	sharedBuffersMiB?: number;
}

/**
 * Without limits a hung or unreachable PostgreSQL server hangs every request that waits for it.
 * With them the request fails fast and the visitor gets a 503 page.
 */
export interface DatabaseTimeouts {
	/** Opening a connection, and waiting for a free one in the pool. */
	connectMs: number;
	/** One statement, enforced by the server; the client gives up a second later (frozen server). */
	statementMs: number;
	/** A transaction left open without a statement: the server ends the session. */
	idleInTransactionMs: number;
}

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
	connectMs: 3000,
	statementMs: 5000,
	idleInTransactionMs: 30_000
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
	return options.url
		? openPostgres(options.url, { ...DEFAULT_TIMEOUTS, ...options.timeouts })
		: openPglite(options.dataDir, options.loadDataDir, options.sharedBuffersMiB);
}

async function openPostgres(url: string, timeouts: DatabaseTimeouts): Promise<Database> {
	const pool = new pg.Pool({
		connectionString: url,
		max: 10,
		connectionTimeoutMillis: timeouts.connectMs,
		statement_timeout: timeouts.statementMs,
		// The server enforces statement_timeout; this catches a server or network that stopped
		// answering at all (then the server cannot cancel anything).
		query_timeout: timeouts.statementMs + 1000,
		idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
		keepAlive: true
	});
	// An idle connection dropped by the server (restart, failover, admin) is reported here; without
	// a listener Node treats it as an uncaught error and the whole app exits. The pool replaces it.
	pool.on('error', (err) => logger.warn({ err: err.message }, 'idle database connection lost'));
	const db = drizzlePg(pool, { schema }) as unknown as Db;
	return {
		db,
		driver: 'postgres',
		// Migrations may run longer than a page's statement: their own connection, no timeouts.
		migrate: async (folder) => {
			const migrator = new pg.Pool({ connectionString: url, max: 1 });
			try {
				await migratePg(drizzlePg(migrator), { migrationsFolder: folder });
			} finally {
				await migrator.end();
			}
		},
		ping: async () => {
			await pool.query('select 1');
		},
		close: () => pool.end()
	};
}

async function openPglite(
	dataDir?: string,
	loadDataDir?: Blob,
	sharedBuffersMiB?: number
): Promise<Database> {
	let release = () => {};
	if (dataDir) {
		fs.mkdirSync(dataDir, { recursive: true });
		release = lockDataDir(dataDir);
	}
	const client = new PGlite({
		dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined,
		loadDataDir,
		extensions: PGLITE_EXTENSIONS,
		// PGlite's WebAssembly memory holds shared_buffers and never shrinks: 128 MiB by default,
		// far more than this site's whole database.
		startParams: sharedBuffersMiB
			? [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMiB}MB`]
			: undefined
	});
	await client.waitReady;
	parsersOnceForDrizzle(client);
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

/**
 * drizzle passes the same type parsers with every PGlite query (dates, timestamps, intervals,
 * numeric[] and their arrays stay the database's text; drizzle's columns convert them), and
 * PGlite merges them into a copy of its whole parser table (hundreds of types) each time: about
 * 0.3 ms of CPU per query, more than a primary-key lookup costs. The client gets them once
 * instead, and a query that brings exactly these goes without. If PGlite's table was rebuilt
 * meanwhile (refreshArrayTypes), the query keeps its own parsers.
 */
const AS_TEXT = (value: string) => value;
const DRIZZLE_AS_TEXT: number[] = [
	types.TIMESTAMP,
	types.TIMESTAMPTZ,
	types.INTERVAL,
	types.DATE,
	1231, // numeric[]
	1115, // timestamp[]
	1185, // timestamptz[]
	1187, // interval[]
	1182 // date[]
];

function parsersOnceForDrizzle(client: PGlite) {
	for (const oid of DRIZZLE_AS_TEXT) client.parsers[oid] = AS_TEXT;
	const lean = (options?: QueryOptions): QueryOptions | undefined => {
		const parsers = options?.parsers;
		if (
			!parsers ||
			Object.keys(parsers).length !== DRIZZLE_AS_TEXT.length ||
			!DRIZZLE_AS_TEXT.every((oid) => oid in parsers && client.parsers[oid] === AS_TEXT)
		) {
			return options;
		}
		return { ...options, parsers: undefined };
	};
	client.query = ((sql: string, params?: unknown[], options?: QueryOptions) =>
		PGlite.prototype.query.call(client, sql, params, lean(options))) as PGlite['query'];
	client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) =>
		PGlite.prototype.transaction.call(client, (tx) => {
			const txQuery = tx.query;
			tx.query = ((sql: string, params?: unknown[], options?: QueryOptions) =>
				txQuery(sql, params, lean(options))) as typeof tx.query;
			return callback(tx);
		})) as PGlite['transaction'];
}
