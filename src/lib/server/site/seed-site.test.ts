import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '../db/client';
import { eq } from 'drizzle-orm';
import {
	contactPersons,
	newsPosts,
	notices,
	pages,
	roomOpeningHours,
	rooms,
	events,
	siteSettings,
	venues
} from '../db/schema';
import { seedSite } from './seed-site';
import { findContactPersons, getSiteSettings } from './get-site';

describe('seedSite', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database.close();
	});

	async function counts() {
		const db = database.db;
		const tables = { siteSettings, venues, contactPersons, notices, newsPosts, pages };
		const result: Record<string, number> = {};
		for (const [name, table] of Object.entries(tables)) {
			const [{ n }] = await db.select({ n: count() }).from(table);
			result[name] = n;
		}
		return result;
	}

	it('seeds Kaster once and changes nothing on a second run', async () => {
		expect(await seedSite(database.db)).toBe(true);
		const first = await counts();
		expect(first).toEqual({
			siteSettings: 1,
			venues: 1,
			contactPersons: 2,
			notices: 1,
			newsPosts: 1,
			pages: 5
		});

		const site = await getSiteSettings(database.db);
		expect(site.neighbourhoodName).toBe('Kaster');
		expect(site.tasks).toHaveLength(5);

		expect(await seedSite(database.db)).toBe(false);
		expect(await counts()).toEqual(first);
	});

	it('marks the manager position vacant with Frau Lindner as substitute', async () => {
		const persons = await findContactPersons(database.db);
		const manager = persons.find((p) => p.isVacant);
		expect(manager?.substitute?.name).toBe('Frau Lindner');
		expect(persons.find((p) => p.name === 'Frau Lindner')?.responsibilities).toMatch(
			/Raumbuchungen/
		);
	});

	it('gives the house example rooms once, also when an older installation updates', async () => {
		const db = database.db;
		const seeded = await db.select().from(rooms);
		expect(seeded.map((r) => [r.slug, r.isExample])).toEqual([
			['grosser-saal', true],
			['gruppenraum', true],
			['kreativraum', true]
		]);
		const [venue] = await db.select().from(venues);
		const [lindner] = await db
			.select()
			.from(contactPersons)
			.where(eq(contactPersons.name, 'Frau Lindner'));
		expect(venue.bookingContactId).toBe(lindner.id);
		// An installation from before room booking: no rooms (and no events, which came later).
		// The next start adds them, once.
		await db.delete(events);
		await db.delete(roomOpeningHours);
		await db.delete(rooms);
		expect(await seedSite(db)).toBe(false);
		expect(await db.select().from(rooms)).toHaveLength(3);
		expect((await db.select().from(roomOpeningHours)).length).toBeGreaterThan(10);
		await seedSite(db);
		expect(await db.select().from(rooms)).toHaveLength(3);
	});
});
