import type { Db } from '../../src/lib/server/db/client';
import { contactPersons, newsPosts, notices } from '../../src/lib/server/db/schema';

/**
 * Content rows written straight into a test database, with sensible defaults; pass only what the
 * test is about. Each returns the stored row.
 */

let sequence = 0;
const next = () => `${process.pid}-${++sequence}`;

const MINUTE = 60_000;

/** A notice; by default active since a minute ago, without end. */
export async function createNotice(db: Db, values: Partial<typeof notices.$inferInsert> = {}) {
	const [row] = await db
		.insert(notices)
		.values({
			title: `Hinweis ${next()}`,
			body: 'Text des Hinweises',
			priority: 'info',
			startsAt: new Date(Date.now() - MINUTE),
			endsAt: null,
			...values
		})
		.returning();
	return row;
}

/** A news post; published a minute ago unless `publishedAt: null` (a draft). */
export async function createNewsPost(db: Db, values: Partial<typeof newsPosts.$inferInsert> = {}) {
	const id = next();
	const [row] = await db
		.insert(newsPosts)
		.values({
			title: `Meldung ${id}`,
			slug: `meldung-${id}`,
			summary: '',
			body: 'Inhalt der Meldung',
			publishedAt: new Date(Date.now() - MINUTE),
			...values
		})
		.returning();
	return row;
}

/** A contact person (not vacant); `isVacant: true, substituteId` for a vacant position. */
export async function createContactPerson(
	db: Db,
	values: Partial<typeof contactPersons.$inferInsert> = {}
) {
	const [row] = await db
		.insert(contactPersons)
		.values({
			roleTitle: `Aufgabe ${next()}`,
			name: 'Frau Test',
			email: '',
			phone: '',
			sortOrder: 100,
			...values
		})
		.returning();
	return row;
}
