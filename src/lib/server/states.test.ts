import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from './db/client';
import { auditLog, contactMessages, users } from './db/schema';
import type { Actor } from './auth/actor';
import { MESSAGE_TRANSITIONS } from './contact/contact.states';
import { allowedFrom, canTransition, transition, type Transitions } from './states';

type Light = 'red' | 'green' | 'yellow';
const LIGHT: Transitions<Light> = { red: ['green'], green: ['yellow'], yellow: ['red'] };

describe('state transitions', () => {
	let database: Database;
	let db: Db;
	let actor: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		const [user] = await db
			.insert(users)
			.values({ email: 'redaktion@example.org', roles: ['content'] })
			.returning({ id: users.id });
		actor = { kind: 'staff', id: user.id, email: '', displayName: '', roles: ['content'] };
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(contactMessages);
		await db.delete(auditLog);
	});

	async function message(status: 'new' | 'answered' = 'new') {
		const [row] = await db
			.insert(contactMessages)
			.values({ name: 'Erika', email: 'erika@example.org', message: 'Hallo', status })
			.returning({ id: contactMessages.id });
		return row.id;
	}

	function move(id: number, to: 'new' | 'answered') {
		return db.transaction((tx) =>
			transition(tx, {
				table: contactMessages,
				idColumn: contactMessages.id,
				stateColumn: contactMessages.status,
				id,
				transitions: MESSAGE_TRANSITIONS,
				to,
				actor,
				audit: { action: 'contact-message.answered', entity: 'contact_message', data: { x: 1 } }
			})
		);
	}

	it('reads the table of allowed moves', () => {
		expect(allowedFrom(LIGHT, 'red')).toEqual(['yellow']);
		expect(canTransition(LIGHT, 'red', 'green')).toBe(true);
		expect(canTransition(LIGHT, 'red', 'yellow')).toBe(false);
		expect(canTransition(LIGHT, 'red', 'red')).toBe(false);
		expect(allowedFrom(MESSAGE_TRANSITIONS, 'new')).toEqual([]);
	});

	it('moves once, audits before and after with the actor, then changes nothing', async () => {
		const id = await message();
		expect(await move(id, 'answered')).toEqual({ changed: true, from: 'new' });
		expect(await move(id, 'answered')).toEqual({ changed: false });
		const audit = await db.select().from(auditLog);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actorId: (actor as { id: number }).id,
			action: 'contact-message.answered',
			entity: 'contact_message',
			entityId: String(id),
			data: { x: 1 },
			before: { status: 'new' },
			after: { status: 'answered' }
		});
	});

	it('tells a missing record from a move the table forbids, writing nothing', async () => {
		const id = await message('answered');
		await expect(move(id + 1000, 'answered')).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(move(id, 'new')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
		const [row] = await db
			.select({ status: contactMessages.status })
			.from(contactMessages)
			.where(eq(contactMessages.id, id));
		expect(row.status).toBe('answered');
		expect(await db.select().from(auditLog)).toHaveLength(0);
	});

	it('lets one of two concurrent moves happen, and audits it once', async () => {
		const id = await message();
		const results = await Promise.all([move(id, 'answered'), move(id, 'answered')]);
		expect(results.filter((r) => r.changed)).toHaveLength(1);
		expect(await db.select().from(auditLog)).toHaveLength(1);
	});
});
