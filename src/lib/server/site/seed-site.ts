import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contactPersons, newsPosts, notices, pages, siteSettings, venues } from '../db/schema';
import { kasterSeed } from './seed-kaster';
import { now } from '../time';
import { seedRooms } from '../rooms/seed-rooms';
import { seedExampleEvents } from '../events/seed-example-events';
import { seedConcernCategories } from '../concerns/seed-concern-categories';
import { seedConcernBodies } from '../concerns/seed-concern-bodies';

/**
 * Seeds the installation's data once. Idempotent: when the site row exists, nothing is written,
 * so a second start never overwrites what staff have edited.
 */
export async function seedSite(db: Db, seed = kasterSeed, today = now()): Promise<boolean> {
	return db.transaction(async (tx) => {
		// Serialise concurrent first starts (two workers, or tests in parallel on one server).
		await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
		const existing = await tx
			.select({ id: siteSettings.id })
			.from(siteSettings)
			.where(eq(siteSettings.id, 1));
		if (existing.length > 0) {
			// Pages that a newer version of the software brings (such as Leichte Sprache) are added to
			// older installations; pages staff have already edited are never touched.
			if (seed.pages.length) await tx.insert(pages).values(seed.pages).onConflictDoNothing();
			// Room booking came after the first installations: their rooms are added once.
			await seedRooms(tx, seed.rooms, seed.bookingContactRole);
			// So did the calendar: its examples are added once, after the rooms they use.
			await seedExampleEvents(tx, exampleEventsOf(seed, today));
			// And the concerns' categories.
			await seedConcernCategories(tx);
			// And the example bodies concerns are forwarded to.
			await seedConcernBodies(tx);
			return false;
		}

		await tx
			.insert(siteSettings)
			.values({ id: 1, ...seed.site, accessibilityReviewedOn: today.toISOString().slice(0, 10) });
		await tx.insert(venues).values(seed.venue);

		const ids = new Map<string, number>();
		for (const [index, person] of seed.contactPersons.entries()) {
			// eslint-disable-next-line @typescript-eslint/no-unused-vars -- substitute is linked below, by id
			const { key, substitute: _substitute, ...values } = person;
			const [row] = await tx
				.insert(contactPersons)
				.values({ ...values, sortOrder: index })
				.returning({ id: contactPersons.id });
			ids.set(key, row.id);
		}
		for (const person of seed.contactPersons) {
			if (person.substitute) {
				await tx
					.update(contactPersons)
					.set({ substituteId: ids.get(person.substitute) })
					.where(eq(contactPersons.id, ids.get(person.key)!));
			}
		}

		if (seed.notices.length)
			await tx.insert(notices).values(seed.notices.map((n) => ({ ...n, startsAt: today })));
		if (seed.news.length)
			await tx.insert(newsPosts).values(seed.news.map((n) => ({ ...n, publishedAt: today })));
		if (seed.pages.length) await tx.insert(pages).values(seed.pages);
		await seedRooms(tx, seed.rooms, seed.bookingContactRole);
		await seedExampleEvents(tx, exampleEventsOf(seed, today));
		await seedConcernCategories(tx);
		await seedConcernBodies(tx);
		return true;
	});
}

function exampleEventsOf(seed: typeof kasterSeed, today: Date) {
	return { seedGroups: seed.exampleGroups, seedEvents: seed.exampleEvents, today };
}
