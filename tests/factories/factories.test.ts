import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../helpers/db';
import type { Database } from '../../src/lib/server/db/client';
import { contactPersons } from '../../src/lib/server/db/schema';
import { validateSession } from '../../src/lib/server/auth/sessions';
import { verifyPassword } from '../../src/lib/server/auth/passwords';
import {
	createContactMessage,
	createContactPerson,
	createNewsPost,
	createNotice,
	createResident,
	createStaffUser,
	TEST_PASSWORD
} from '.';

/** The factories write rows the app accepts as its own (and fail loudly when the schema moves). */
describe('test data factories', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('makes staff and residents with a password and a live session', async () => {
		const editor = await createStaffUser(database.db, { roles: ['content'] });
		expect(editor.actor).toMatchObject({ kind: 'staff', roles: ['content'] });
		expect(editor.cookie).toMatch(/^session=/);
		const session = await validateSession(database.db, editor.sessionToken!, 14);
		expect(session?.user).toEqual(editor.sessionUser);
		expect(await verifyPassword(editor.user.passwordHash!, TEST_PASSWORD)).toBe(true);

		const resident = await createResident(database.db, { session: false });
		expect(resident.actor.kind).toBe('resident');
		expect(resident.cookie).toBe('');
		expect(resident.user.emailVerifiedAt).toBeInstanceOf(Date);
		expect(resident.user.email).not.toBe(editor.user.email);
	});

	it('makes content rows with valid defaults', async () => {
		const notice = await createNotice(database.db);
		expect(notice.startsAt.getTime()).toBeLessThan(Date.now());
		const draft = await createNewsPost(database.db, { publishedAt: null });
		const post = await createNewsPost(database.db);
		expect(post.slug).not.toBe(draft.slug);
		const substitute = await createContactPerson(database.db);
		const vacant = await createContactPerson(database.db, {
			isVacant: true,
			name: '',
			substituteId: substitute.id
		});
		const [row] = await database.db
			.select()
			.from(contactPersons)
			.where(eq(contactPersons.id, vacant.id));
		expect(row.substituteId).toBe(substitute.id);
	});

	it('makes contact messages and overdue accessibility feedback', async () => {
		const message = await createContactMessage(database.db);
		expect(message).toMatchObject({ kind: 'contact', status: 'new', dueAt: null });
		const threeWeeksAgo = new Date(Date.now() - 21 * 24 * 3600_000);
		const feedback = await createContactMessage(database.db, {
			kind: 'accessibility',
			createdAt: threeWeeksAgo
		});
		expect(feedback.dueAt!.getTime()).toBeLessThan(Date.now());
	});
});
