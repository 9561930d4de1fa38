import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor';
import type { Database, Db } from '../../src/lib/server/db/client';
import { bookingRequests, bookings, outboxMails } from '../../src/lib/server/db/schema';
import { seedSite } from '../../src/lib/server/site/seed-site';
import { resetClock, setClock } from '../../src/lib/server/time';
import { createTestDatabase } from './db';
import { createActor } from './users';

/** A Monday; the requests of the room tests ask for Wednesdays from 18 November, 18:00–20:00. */
export const ROOMS_TEST_NOW = new Date('2026-11-02T09:00:00Z');

export interface RoomsTestSetup {
	database: Database;
	db: Db;
	/** Staff with the `rooms` role: decides and manages. */
	roomsStaff: Actor & { id: number };
	/** Staff with only the `content` role: may not decide on rooms. */
	contentStaff: Actor & { id: number };
}

/**
 * The database the room-booking test files share, as hooks of the calling describe: a test
 * database with the site seeded (the example rooms), a rooms and a content staff member. Read
 * the returned object's fields in the tests (they are filled before the first test runs).
 */
export function useRoomsTestDatabase(): RoomsTestSetup {
	const setup = {} as RoomsTestSetup;
	beforeAll(async () => {
		setup.database = await createTestDatabase();
		setup.db = setup.database.db;
		await seedSite(setup.db);
		setup.roomsStaff = await createActor(setup.db, {
			email: 'raeume@example.org',
			roles: ['rooms']
		});
		setup.contentStaff = await createActor(setup.db, {
			email: 'inhalt@example.org',
			roles: ['content']
		});
	});
	afterAll(async () => {
		await setup.database?.close();
	});
	return setup;
}

/**
 * useRoomsTestDatabase, and before each test the clock at `now` and no requests, bookings or
 * mails left over from the test before.
 */
export function useRoomsTestSetup(now = ROOMS_TEST_NOW): RoomsTestSetup {
	const setup = useRoomsTestDatabase();
	beforeEach(async () => {
		setClock(now);
		await setup.db.delete(bookings);
		await setup.db.delete(bookingRequests);
		await setup.db.delete(outboxMails);
	});
	afterEach(() => resetClock());
	return setup;
}
