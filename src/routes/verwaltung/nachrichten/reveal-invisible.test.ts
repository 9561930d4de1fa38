import { actorOf } from '$lib/server/auth/actor';
import type { SessionUser } from '$lib/server/auth/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '$lib/server/db/client';
import { contactMessages } from '$lib/server/db/schema';
import { load as listLoad } from './+page.server';
import { load as detailLoad } from './[id=id]/+page.server';

/** Staff read stored text as it is: invisible direction controls must show (issue 10). */
describe('back office: contact messages show invisible characters', () => {
	let database: Database;
	let id: number;
	const staff: SessionUser = { id: 1, email: 'c@example.org', displayName: '', roles: ['content'] };

	beforeAll(async () => {
		database = await createTestDatabase();
		// Stored before single-line fields refused them, or in the multi-line body.
		[{ id }] = await database.db
			.insert(contactMessages)
			.values({
				name: 'RTL \u202Egnp.exe\u202C',
				email: 'x@example.org',
				subject: 'Bild \u2066anbei\u2069',
				message: 'Siehe Anhang: \u202Egnp.exe'
			})
			.returning({ id: contactMessages.id });
	});
	afterAll(async () => {
		await database?.close();
	});

	it('in the message itself', async () => {
		const url = new URL(`http://127.0.0.1/verwaltung/nachrichten/${id}`);
		const data = (await detailLoad({
			locals: { db: database.db, user: staff, actor: actorOf(staff) },
			params: { id: String(id) },
			url
		} as never)) as { message: { name: string; subject: string; message: string } };
		expect(data.message.name).toBe('RTL ⟨U+202E⟩gnp.exe⟨U+202C⟩');
		expect(data.message.subject).toBe('Bild ⟨U+2066⟩anbei⟨U+2069⟩');
		expect(data.message.message).toBe('Siehe Anhang: ⟨U+202E⟩gnp.exe');
	});

	it('in the list', async () => {
		const url = new URL('http://127.0.0.1/verwaltung/nachrichten');
		const data = (await listLoad({
			locals: { db: database.db, user: staff, actor: actorOf(staff) },
			url
		} as never)) as {
			rows: { name: string; subject: string }[];
		};
		expect(data.rows[0]).toMatchObject({ name: 'RTL ⟨U+202E⟩gnp.exe⟨U+202C⟩' });
	});
});
