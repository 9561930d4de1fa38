import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '$lib/server/db/client';
import { ANONYMOUS } from '$lib/server/auth/actor';
import { issueUserToken } from '$lib/server/auth/user-tokens';
import { actions, load } from './+page.server';

describe('/anmelden/link (the sign-in link mailed after repeated wrong passwords)', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	const event = (token: string, set: (name: string) => void = () => {}) => ({
		locals: { db: database.db, user: null, actor: ANONYMOUS },
		request: new Request(`http://127.0.0.1/anmelden/link?token=${token}`, { method: 'POST' }),
		getClientAddress: () => '10.9.8.7',
		url: new URL(`http://127.0.0.1/anmelden/link?token=${token}`),
		cookies: { set, delete: () => {} }
	});
	async function outcome(run: () => unknown) {
		try {
			return { value: await run() };
		} catch (err) {
			if (isRedirect(err)) return { status: err.status, location: err.location };
			if (isHttpError(err)) return { status: err.status, message: err.body.message };
			throw err;
		}
	}

	it('shows a button first (mail scanners must not use the link up), then signs in once', async () => {
		const user = await createUser(database.db, { email: 'link@example.org', roles: ['rooms'] });
		const { token } = await issueUserToken(database.db, user.id, 'sign_in');
		expect(await outcome(() => load(event(token) as never))).toEqual({
			value: { email: 'link@example.org' }
		});
		const set: string[] = [];
		expect(await outcome(() => actions.default(event(token, (n) => set.push(n)) as never))).toEqual(
			{ status: 303, location: '/verwaltung' }
		);
		expect(set).toContain('session');
		// Used up.
		expect(await outcome(() => load(event(token) as never))).toMatchObject({ status: 400 });
		expect(await outcome(() => actions.default(event(token) as never))).toMatchObject({
			status: 400,
			message: expect.stringContaining('Anmeldelink gilt nicht')
		});
	});

	it('refuses a set-password token and nonsense', async () => {
		const user = await createUser(database.db, { email: 'anders@example.org' });
		const { token } = await issueUserToken(database.db, user.id, 'set_password');
		for (const t of [token, 'nonsense', ''])
			expect(await outcome(() => actions.default(event(t) as never))).toMatchObject({
				status: 400
			});
	});
});
