import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { contactPersons, siteSettings, users } from '../db/schema';
import { DomainError } from '../errors';
import { seedSite } from '../site/seed-site';
import { resolveRecipients } from './resolve-recipients';

describe('resolveRecipients', () => {
	let database: Database;
	let db: Db;
	let managerId: number;
	let lindnerId: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const persons = await db.select().from(contactPersons);
		managerId = persons.find((p) => p.isVacant)!.id;
		lindnerId = persons.find((p) => p.name === 'Frau Lindner')!.id;
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		// Back to the state of a fresh install: no addresses anywhere, no accounts.
		await db.update(contactPersons).set({ email: '' });
		await db
			.update(contactPersons)
			.set({ isVacant: false, substituteId: null })
			.where(eq(contactPersons.id, lindnerId));
		await db
			.update(contactPersons)
			.set({ isVacant: true, substituteId: lindnerId })
			.where(eq(contactPersons.id, managerId));
		await db.update(siteSettings).set({ contactEmail: '' });
		await db.delete(users);
	});

	async function addUser(email: string, roles: ('admin' | 'content')[], disabled = false) {
		await db
			.insert(users)
			.values({ email, roles, disabledAt: disabled ? new Date() : null, displayName: email });
	}

	it('finds nobody on a fresh install, but still names the responsible person', async () => {
		const forManager = await resolveRecipients(db, { contactPersonId: managerId });
		expect(forManager).toMatchObject({ emails: [], route: 'none', responsiblePersonId: lindnerId });
		expect(forManager.addressed).toMatchObject({ id: managerId, isVacant: true });

		const forOffice = await resolveRecipients(db, { contactPersonId: null });
		expect(forOffice).toMatchObject({
			emails: [],
			route: 'none',
			addressed: null,
			responsiblePersonId: null
		});
	});

	it("uses the person's own address first", async () => {
		await db
			.update(contactPersons)
			.set({ email: 'lindner@example.org' })
			.where(eq(contactPersons.id, lindnerId));
		await db.update(siteSettings).set({ contactEmail: 'buero@example.org' });
		expect(await resolveRecipients(db, { contactPersonId: lindnerId })).toMatchObject({
			emails: ['lindner@example.org'],
			route: 'person',
			responsiblePersonId: lindnerId
		});
	});

	it("routes a vacant position to the substitute and skips the position's own address", async () => {
		await db
			.update(contactPersons)
			.set({ email: 'alt@example.org' })
			.where(eq(contactPersons.id, managerId));
		await db
			.update(contactPersons)
			.set({ email: 'lindner@example.org' })
			.where(eq(contactPersons.id, lindnerId));
		expect(await resolveRecipients(db, { contactPersonId: managerId })).toMatchObject({
			emails: ['lindner@example.org'],
			route: 'substitute',
			responsiblePersonId: lindnerId
		});
	});

	it('uses the substitute when a filled position has no address', async () => {
		await db
			.update(contactPersons)
			.set({ isVacant: false, name: 'Herr Beispiel' })
			.where(eq(contactPersons.id, managerId));
		await db
			.update(contactPersons)
			.set({ email: 'lindner@example.org' })
			.where(eq(contactPersons.id, lindnerId));
		expect(await resolveRecipients(db, { contactPersonId: managerId })).toMatchObject({
			emails: ['lindner@example.org'],
			route: 'substitute',
			responsiblePersonId: lindnerId
		});
	});

	it('falls back to the office address', async () => {
		await db.update(siteSettings).set({ contactEmail: ' buero@example.org ' });
		await addUser('admin@example.org', ['admin']);
		for (const contactPersonId of [managerId, lindnerId, null]) {
			expect(await resolveRecipients(db, { contactPersonId })).toMatchObject({
				emails: ['buero@example.org'],
				route: 'office'
			});
		}
	});

	it('falls back to every active admin account, and only those', async () => {
		await addUser('Chefin@Example.org', ['admin']);
		await addUser('zweite@example.org', ['content', 'admin']);
		await addUser('redaktion@example.org', ['content']);
		await addUser('ehemalig@example.org', ['admin'], true);
		const result = await resolveRecipients(db, { contactPersonId: lindnerId });
		expect(result.route).toBe('admins');
		expect(result.emails).toEqual(['chefin@example.org', 'zweite@example.org']);
		expect(result.responsiblePersonId).toBe(lindnerId);
	});

	it('skips a substitute who is vacant too', async () => {
		await db
			.update(contactPersons)
			.set({ isVacant: true, email: 'lindner@example.org' })
			.where(eq(contactPersons.id, lindnerId));
		await db.update(siteSettings).set({ contactEmail: 'buero@example.org' });
		expect(await resolveRecipients(db, { contactPersonId: managerId })).toMatchObject({
			emails: ['buero@example.org'],
			route: 'office'
		});
	});

	it('refuses an unknown contact person', async () => {
		const err = await resolveRecipients(db, { contactPersonId: 999_999 }).catch((e) => e);
		expect(err).toBeInstanceOf(DomainError);
		expect(err.code).toBe('NOT_FOUND');
	});
});
