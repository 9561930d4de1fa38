import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { auditLog, contactMessages, contactPersons, users } from '../db/schema';
import { seedSite } from '../site/seed-site';
import { findContactMessages, isOverdue } from './find-contact-messages';
import { getContactMessageById } from './get-contact-message-by-id';
import { markMessageAnswered } from './mark-message-answered';
import { staffActor } from '$tests/helpers/actors';

describe('contact messages in the back office', () => {
	let database: Database;
	let db: Db;
	let staffId: number;
	let lindnerId: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		[{ id: staffId }] = await db
			.insert(users)
			.values({ email: 'redaktion@example.org', roles: ['content'] })
			.returning({ id: users.id });
		[{ id: lindnerId }] = await db
			.select({ id: contactPersons.id })
			.from(contactPersons)
			.where(eq(contactPersons.name, 'Frau Lindner'));
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(contactMessages);
		await db.delete(auditLog);
	});

	async function insert(values: Partial<typeof contactMessages.$inferInsert> = {}) {
		const [row] = await db
			.insert(contactMessages)
			.values({ name: 'Erika', email: 'erika@example.org', message: 'Hallo', ...values })
			.returning({ id: contactMessages.id });
		return row.id;
	}

	it('lists newest first with the responsible person, paged', async () => {
		const base = Date.UTC(2025, 0, 1);
		for (let i = 0; i < 22; i += 1) {
			await insert({
				subject: `Nr ${i}`,
				createdAt: new Date(base + i * 60_000),
				contactPersonId: lindnerId
			});
		}
		const page1 = await findContactMessages(db, {
			actor: staffActor(staffId, ['content']),
			page: 1
		});
		expect(page1).toMatchObject({ total: 22, pages: 2, page: 1 });
		expect(page1.rows[0]).toMatchObject({ subject: 'Nr 21', personName: 'Frau Lindner' });
		const page2 = await findContactMessages(db, {
			actor: staffActor(staffId, ['content']),
			page: 2
		});
		expect(page2.rows.map((r) => r.subject)).toEqual(['Nr 1', 'Nr 0']);
	});

	it('calls open feedback past its due date overdue, and nothing else', () => {
		const now = new Date('2025-05-01T12:00:00Z');
		const past = new Date('2025-04-30T12:00:00Z');
		const future = new Date('2025-05-02T12:00:00Z');
		expect(isOverdue({ status: 'new', dueAt: past }, now)).toBe(true);
		expect(isOverdue({ status: 'answered', dueAt: past }, now)).toBe(false);
		expect(isOverdue({ status: 'new', dueAt: future }, now)).toBe(false);
		expect(isOverdue({ status: 'new', dueAt: null }, now)).toBe(false);
	});

	it('shows feedback with the enforcement body to name in the answer', async () => {
		const id = await insert({ kind: 'accessibility', dueAt: new Date() });
		const message = await getContactMessageById(db, {
			actor: staffActor(staffId, ['content']),
			id: id
		});
		expect(message.enforcementBody).toContain('Ombudsstelle');
		await expect(
			getContactMessageById(db, { actor: staffActor(staffId, ['content']), id: id + 1000 })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('marks a message answered once, with one audit record', async () => {
		const id = await insert();
		expect(await markMessageAnswered(db, { id, actor: staffActor(staffId, ['content']) })).toEqual({
			changed: true
		});
		expect(await markMessageAnswered(db, { id, actor: staffActor(staffId, ['content']) })).toEqual({
			changed: false
		});
		expect(
			(await getContactMessageById(db, { actor: staffActor(staffId, ['content']), id: id })).status
		).toBe('answered');
		const audit = await db.select().from(auditLog);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actorId: staffId,
			action: 'contact-message.answered',
			entityId: String(id)
		});
		await expect(
			markMessageAnswered(db, { id: id + 1000, actor: staffActor(staffId, ['content']) })
		).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	});
});
