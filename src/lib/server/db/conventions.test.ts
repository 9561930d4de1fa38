import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql, type SQL } from 'drizzle-orm';
import { createEmptyTestDatabase, createTestDatabase } from '$tests/helpers/db';
import { sqlStateOf } from '../errors';
import type { Database, Db } from './client';
import { contactMessages, contactPersons, notices, outboxMails, userTokens, users } from './schema';

/** Rows of a raw query (both drivers return `{ rows }`). */
async function rows<T>(db: Db, query: SQL): Promise<T[]> {
	return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The error a statement fails with (Drizzle wraps it; the SQLSTATE is on the cause). */
async function failure(run: () => Promise<unknown>): Promise<string | undefined> {
	try {
		await run();
	} catch (err) {
		return sqlStateOf(err);
	}
	return undefined;
}

describe('database conventions', () => {
	let database: Database;
	let db: Db;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
	});
	afterAll(async () => {
		await database?.close();
	});

	it('has btree_gist: an exclusion constraint refuses overlapping bookings of one room', async () => {
		await db.execute(sql`
			create temporary table booking_probe (
				room_id integer not null,
				starts_at timestamptz not null,
				ends_at timestamptz not null,
				exclude using gist (room_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
			)`);
		await db.execute(sql`
			insert into booking_probe values
				(1, '2026-03-01 10:00+01', '2026-03-01 12:00+01'),
				(1, '2026-03-01 12:00+01', '2026-03-01 13:00+01'),
				(2, '2026-03-01 10:00+01', '2026-03-01 12:00+01')`);
		expect(
			await failure(() =>
				db.execute(
					sql`insert into booking_probe values (1, '2026-03-01 11:00+01', '2026-03-01 11:30+01')`
				)
			)
		).toBe('23P01');
	});

	it('has pg_trgm: similarity finds a misspelt name', async () => {
		const [row] = await rows<{ score: number }>(
			db,
			sql`select similarity('Begegnung', 'Begegnug') as score`
		);
		expect(Number(row.score)).toBeGreaterThan(0.5);
	});

	it('refuses states the code does not know (CHECK constraints from the TS lists)', async () => {
		const [{ id: userId }] = await db
			.insert(users)
			.values({ email: 'check@example.org' })
			.returning({ id: users.id });
		const bad = [
			() =>
				db
					.insert(contactMessages)
					.values({ name: 'A', email: 'a@example.org', message: 'x', status: 'closed' as 'new' }),
			() =>
				db
					.insert(contactMessages)
					.values({ name: 'A', email: 'a@example.org', message: 'x', kind: 'spam' as 'contact' }),
			() =>
				db.insert(outboxMails).values({
					recipient: 'a@example.org',
					subject: 's',
					textBody: 't',
					status: 'lost' as 'sent'
				}),
			() => db.insert(notices).values({ title: 't', priority: 'loud' as 'info' }),
			() =>
				db
					.update(users)
					.set({ roles: ['content', 'root' as 'admin'] })
					.where(eq(users.id, userId)),
			() =>
				db.insert(userTokens).values({
					id: 'x',
					userId,
					purpose: 'login' as 'verify_email',
					expiresAt: new Date()
				})
		];
		for (const run of bad) expect(await failure(run)).toBe('23514');
		// The allowed values still go in.
		await db
			.update(users)
			.set({ roles: ['content', 'admin'] })
			.where(eq(users.id, userId));
		await db.insert(notices).values({ title: 't', priority: 'urgent' });
	});

	it('links a substitute by foreign key: no dangling id, cleared when the substitute is deleted', async () => {
		expect(
			await failure(() =>
				db.insert(contactPersons).values({ roleTitle: 'X', substituteId: 999_999 })
			)
		).toBe('23503');
		const [sub] = await db
			.insert(contactPersons)
			.values({ roleTitle: 'Vertretung' })
			.returning({ id: contactPersons.id });
		const [person] = await db
			.insert(contactPersons)
			.values({ roleTitle: 'Leitung', substituteId: sub.id })
			.returning({ id: contactPersons.id });
		await db.delete(contactPersons).where(eq(contactPersons.id, sub.id));
		const [after] = await db
			.select({ substituteId: contactPersons.substituteId })
			.from(contactPersons)
			.where(eq(contactPersons.id, person.id));
		expect(after.substituteId).toBeNull();
	});

	it('uses identity columns that accept an explicit id', async () => {
		const [{ kind }] = await rows<{ kind: string }>(
			db,
			sql`select attidentity as kind from pg_attribute where attrelid = 'notices'::regclass and attname = 'id'`
		);
		expect(kind).toBe('d');
		const [row] = await db
			.insert(notices)
			.values({ id: 500_000, title: 'explizit' })
			.returning({ id: notices.id });
		expect(row.id).toBe(500_000);
	});
});

describe('the infradb migration on a database with data', () => {
	let database: Database;
	let folder: string;

	beforeAll(async () => {
		database = await createEmptyTestDatabase();
		// A migrations folder holding only 0000_init, as a database created before this change had.
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-migrations-'));
		fs.mkdirSync(path.join(folder, 'meta'));
		fs.copyFileSync('drizzle/0000_init.sql', path.join(folder, '0000_init.sql'));
		const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8'));
		journal.entries = journal.entries.slice(0, 1);
		fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(journal));
	});
	afterAll(async () => {
		await database?.close();
		if (folder) fs.rmSync(folder, { recursive: true, force: true });
	});

	it('keeps ids, continues after the highest one and clears dangling substitutes', async () => {
		await database.migrate(folder);
		const { db } = database;
		await db.execute(sql`insert into users (email) values ('a@example.org'), ('b@example.org')`);
		await db.execute(sql`delete from users where email = 'a@example.org'`);
		await db.execute(
			sql`insert into contact_persons (role_title, substitute_id) values ('Leitung', 4711)`
		);
		await db.execute(
			sql`insert into contact_persons (role_title, substitute_id) values ('Vertretung', null)`
		);
		await db.execute(
			sql`update contact_persons set substitute_id = 2 where role_title = 'Vertretung'`
		);

		await database.migrate(path.resolve('drizzle'));

		const people = await rows<{ id: number; substitute_id: number | null }>(
			db,
			sql`select id, substitute_id from contact_persons order by id`
		);
		expect(people).toEqual([
			{ id: 1, substitute_id: null },
			{ id: 2, substitute_id: 2 }
		]);
		const [next] = await db
			.insert(users)
			.values({ email: 'c@example.org' })
			.returning({ id: users.id });
		expect(next.id).toBe(3);
		const [person] = await db
			.insert(contactPersons)
			.values({ roleTitle: 'Neu' })
			.returning({ id: contactPersons.id });
		expect(person.id).toBe(3);
		// An empty table starts at 1.
		const [notice] = await db.insert(notices).values({ title: 'n' }).returning({ id: notices.id });
		expect(notice.id).toBe(1);
	});
});
