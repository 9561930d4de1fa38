import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '$tests/helpers/db';
import { createUser } from '$tests/helpers/users';
import type { Database } from '../db/client';
import { userTokens } from '../db/schema';
import { hashToken } from './tokens';
import { consumeUserToken, issueUserToken, peekUserToken, TOKEN_LIFETIME_MS } from './user-tokens';

describe('one-time tokens', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('stores only the hash, with the lifetime of its purpose', async () => {
		const user = await createUser(database.db, { email: 'token1@example.org' });
		const now = new Date('2030-05-01T12:00:00Z');
		const { token, expiresAt } = await issueUserToken(database.db, user.id, 'reset_password', now);
		expect(expiresAt.getTime() - now.getTime()).toBe(60 * 60 * 1000);
		expect(TOKEN_LIFETIME_MS.set_password).toBe(7 * 24 * 60 * 60 * 1000);
		const rows = await database.db.select().from(userTokens);
		expect(rows.map((r) => r.id)).toContain(hashToken(token));
		expect(rows.map((r) => r.id)).not.toContain(token);
	});

	it('can be used once, only for its purpose and only before it expires', async () => {
		const user = await createUser(database.db, { email: 'token2@example.org' });
		const now = new Date('2030-05-01T12:00:00Z');
		const later = (ms: number) => new Date(now.getTime() + ms);
		const { token } = await issueUserToken(database.db, user.id, 'reset_password', now);

		expect(await peekUserToken(database.db, token, ['verify_email'], now)).toBeNull();
		expect(await consumeUserToken(database.db, token, ['verify_email'], now)).toBeNull();
		// One second past the hour: expired.
		expect(
			await consumeUserToken(database.db, token, ['reset_password'], later(3_601_000))
		).toBeNull();
		expect(
			await peekUserToken(database.db, token, ['reset_password'], later(60_000))
		).toMatchObject({
			userId: user.id,
			email: 'token2@example.org'
		});
		expect(await consumeUserToken(database.db, token, ['reset_password'], later(60_000))).toEqual({
			userId: user.id,
			purpose: 'reset_password'
		});
		// Used: neither shown nor usable again.
		expect(await peekUserToken(database.db, token, ['reset_password'], later(61_000))).toBeNull();
		expect(
			await consumeUserToken(database.db, token, ['reset_password'], later(61_000))
		).toBeNull();
	});

	it('lets only one of two concurrent uses succeed', async () => {
		const user = await createUser(database.db, { email: 'token3@example.org' });
		const { token } = await issueUserToken(database.db, user.id, 'set_password');
		const results = await Promise.all([
			consumeUserToken(database.db, token, ['set_password']),
			consumeUserToken(database.db, token, ['set_password'])
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
	});

	it('makes an earlier unused link of the same purpose worthless', async () => {
		const user = await createUser(database.db, { email: 'token4@example.org' });
		const first = await issueUserToken(database.db, user.id, 'set_password');
		const second = await issueUserToken(database.db, user.id, 'set_password');
		const verify = await issueUserToken(database.db, user.id, 'verify_email');
		expect(await peekUserToken(database.db, first.token, ['set_password'])).toBeNull();
		expect(await peekUserToken(database.db, second.token, ['set_password'])).not.toBeNull();
		expect(await peekUserToken(database.db, verify.token, ['verify_email'])).not.toBeNull();
	});

	it('rejects empty, absurdly long and unknown tokens, and tokens of disabled accounts', async () => {
		expect(await peekUserToken(database.db, '', ['set_password'])).toBeNull();
		expect(await consumeUserToken(database.db, 'x'.repeat(5000), ['set_password'])).toBeNull();
		expect(await peekUserToken(database.db, "' or 1=1 --", ['set_password'])).toBeNull();
		const user = await createUser(database.db, { email: 'token5@example.org', disabled: true });
		const { token } = await issueUserToken(database.db, user.id, 'set_password');
		expect(await peekUserToken(database.db, token, ['set_password'])).toBeNull();
	});
});
