import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from './db/client';
import { serializeError } from './logger';

describe('serializeError', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('keeps query parameters (personal data, secrets) out of logged database errors', async () => {
		const secret = 'Geheim-Passwort\nzweite Zeile mit anna@example.org';
		const err = await database.db
			.execute(sql`select ${secret}::text from quartier_no_such_table`)
			.then(() => null)
			.catch((e: unknown) => e);
		expect(err).toBeInstanceOf(Error);
		const logged = JSON.stringify(serializeError(err));
		expect(logged).not.toContain('Geheim-Passwort');
		expect(logged).not.toContain('anna@example.org');
		// What staff need to find the cause stays.
		expect(logged).toContain('select $1::text from quartier_no_such_table');
		expect(logged).toContain('does not exist');
		expect(logged).toContain('params: [hidden]');
		expect(logged).toContain('DrizzleQueryError');
		expect(logged).toContain('"stack"');
	});

	it('serialises ordinary errors in full', () => {
		const logged = serializeError(new TypeError('kaputt', { cause: new Error('Ursache') }));
		expect(logged).toMatchObject({ type: 'TypeError', message: 'kaputt: Ursache' });
	});
});
