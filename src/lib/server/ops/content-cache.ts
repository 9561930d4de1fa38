import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from '../db/client';
import { contentVersion } from '../db/schema';
import { now } from '../time';

/**
 * What every public page loads (site settings, notices, the contact directory) and whole
 * anonymous pages are kept in memory, tagged with a "generation". A generation is valid while
 * 1. the database's content version (one row, bumped by triggers in the same transaction as any
 *    change to public content, by any app instance) is the one it was built from, and
 * 2. no notice starts or ends, no news post gets published and no event date ends (time, not an
 *    edit) before then.
 * Each GET request reads the version (one primary-key lookup) before it uses the cache, so an edit
 * shows on the very next request, on every instance. Other requests do not use the cache.
 */
interface Generation {
	id: number;
	version: number;
	/** ms since epoch when time-windowed content changes next (Infinity: never). */
	validUntil: number;
}

let current: Generation | null = null;
let nextId = 1;
const memo = new Map<string, { generation: number; value: Promise<unknown> }>();
const listeners = new Set<() => void>();

/** Runs when a generation ends (the page cache empties itself). */
export function onContentChange(listener: () => void) {
	listeners.add(listener);
}

async function nextTimeBoundary(db: Db, at: Date): Promise<number> {
	const iso = at.toISOString();
	const result = await db.execute(sql`select least(
		(select min(starts_at) from notices where starts_at > ${iso}::timestamptz),
		(select min(ends_at) from notices where ends_at > ${iso}::timestamptz),
		(select min(published_at) from news_posts where published_at > ${iso}::timestamptz),
		(select min(ends_at) from event_occurrences where ends_at > ${iso}::timestamptz),
		-- Open311's request list shows the last 90 days by default: a notice leaves it on its own.
		(select min(created_at) + interval '90 days' from concerns
			where visibility = 'public' and created_at > ${iso}::timestamptz - interval '90 days'),
		-- When a date's sign-up closes ("Anmeldung geschlossen"); few rows: dates with registration.
		(select min(o.starts_at - make_interval(hours => coalesce(e.registration_closes_hours, 0)))
			from event_occurrences o join events e on e.id = o.event_id
			where o.capacity is not null and o.starts_at > ${iso}::timestamptz
			and o.starts_at - make_interval(hours => coalesce(e.registration_closes_hours, 0)) > ${iso}::timestamptz)
	) as next`);
	const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
		next: string | Date | null;
	}[];
	const next = rows[0]?.next;
	return next ? new Date(next).getTime() : Infinity;
}

const VERSION_SQL = 'select version from content_version where id = 1';

/**
 * Every GET request reads the version first (a cached page too), so this is the hot query. It
 * goes to the driver directly: on PGlite about 0.2 ms of CPU instead of 0.6-0.8 ms through the
 * query builder (drizzle hands PGlite per-query type parsers, which it merges with its whole
 * table of parsers on each query); on a PostgreSQL server a named statement, parsed once per
 * connection. Requests that come together share one read (sharedRead).
 */
function readVersion(db: Db): Promise<number | null> {
	let read = versionReaders.get(db);
	if (!read) {
		read = sharedRead(newVersionQuery(db));
		versionReaders.set(db, read);
	}
	return read();
}
const versionReaders = new WeakMap<Db, () => Promise<number | null>>();

/**
 * `query` shared by callers without losing freshness: a caller joins a run that has not started
 * yet (it starts after the caller came, so it sees every edit committed before), never one
 * already running. A run starts at the end of the event loop's turn in which it was asked for
 * (setImmediate), so requests that arrive together share it (PGlite answers within one turn, so
 * otherwise nobody would ever wait for it); under load, the callers that come while one run is
 * busy share the next.
 */
export function sharedRead<T>(query: () => Promise<T>): () => Promise<T> {
	let waiting: Promise<T> | null = null;
	let running: Promise<T> | null = null;
	const ignore = () => {};
	const start = () => {
		waiting = null;
		const run = query();
		running = run;
		const done = () => {
			if (running === run) running = null;
		};
		run.then(done, done);
		return run;
	};
	return () => {
		waiting ??= (running ?? Promise.resolve())
			.then(ignore, ignore)
			.then(() => new Promise((resolve) => setImmediate(resolve)))
			.then(start);
		return waiting;
	};
}

const versionOf = (rows: { version: unknown }[]) =>
	rows.length === 0 ? null : Number(rows[0].version);

function newVersionQuery(db: Db): () => Promise<number | null> {
	const client = (db as { $client?: unknown }).$client;
	if (client instanceof PGlite) {
		return async () => versionOf((await client.query<{ version: unknown }>(VERSION_SQL)).rows);
	}
	if (client instanceof pg.Pool) {
		return async () =>
			versionOf((await client.query({ name: 'quartier_content_version', text: VERSION_SQL })).rows);
	}
	// Another driver or a transaction: the query builder.
	return async () =>
		versionOf(
			await db
				.select({ version: contentVersion.version })
				.from(contentVersion)
				.where(eq(contentVersion.id, 1))
		);
}

/**
 * The generation valid for a request starting now, or null when the cache must not be used
 * (the request saw an older version than another request already did).
 */
export async function currentGeneration(db: Db): Promise<Generation | null> {
	const version = await readVersion(db);
	if (version === null) return null; // not migrated: no caching
	const at = now();
	if (current && version === current.version && at.getTime() < current.validUntil) {
		return current;
	}
	if (current && version < current.version) return null;
	const validUntil = await nextTimeBoundary(db, at);
	if (current && version < current.version) return null; // overtaken meanwhile
	current = { id: nextId++, version, validUntil };
	memo.clear();
	for (const listener of listeners) listener();
	return current;
}

/** Per request: the generation it may use (set by the page-cache hook for GET requests). */
const generationOf = new WeakMap<object, Promise<Generation | null>>();

export function useGenerationFor(locals: object, generation: Promise<Generation | null>) {
	generationOf.set(locals, generation);
}

/**
 * `load()` once per generation for GET requests; straight through otherwise (form actions must
 * see their own writes). The value is shared between requests: callers must not change it.
 */
export async function cachedContent<T>(
	locals: object,
	key: string,
	load: () => Promise<T>
): Promise<T> {
	const generation = await generationOf.get(locals);
	if (!generation || generation !== current) return load();
	const hit = memo.get(key);
	if (hit && hit.generation === generation.id) return hit.value as Promise<T>;
	const value = load();
	memo.set(key, { generation: generation.id, value });
	value.catch(() => {
		if (memo.get(key)?.value === value) memo.delete(key);
	});
	return value;
}

/** For tests: forget everything. */
export function resetContentCache() {
	current = null;
	memo.clear();
	for (const listener of listeners) listener();
}
