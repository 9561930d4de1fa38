import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { auditLog, outboxMails, users } from '../db/schema';
import { DomainError } from '../errors';
import { getOutboxMailById } from './get-outbox-mail-by-id';
import {
	claimDueMails,
	enqueueMail,
	listOutbox,
	markMailAttemptFailed,
	markMailSent
} from './outbox';
import { retryOutboxMail } from './retry-outbox-mail';
import { staffActor } from '$tests/helpers/actors';

describe('outbox', () => {
	let database: Database;
	let db: Db;
	let adminId: number;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		[{ id: adminId }] = await db
			.insert(users)
			.values({ email: 'admin@example.org', roles: ['admin'] })
			.returning({ id: users.id });
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(outboxMails);
		await db.delete(auditLog);
	});

	it('lists newest first without the bodies, and pages', async () => {
		for (let i = 1; i <= 23; i += 1) {
			await enqueueMail(db, {
				locale: 'de',
				templateKey: 'test.mail',
				to: `n${i}@example.org`,
				subject: `Mail ${i}`,
				text: `Text ${i}`
			});
		}
		const first = await listOutbox(db, 1);
		expect(first.total).toBe(23);
		expect(first.pages).toBe(2);
		expect(first.rows).toHaveLength(20);
		expect(first.rows[0].subject).toBe('Mail 23');
		expect(first.rows[0]).not.toHaveProperty('textBody');
		const second = await listOutbox(db, 2);
		expect(second.rows.map((r) => r.subject)).toEqual(['Mail 3', 'Mail 2', 'Mail 1']);
	});

	it('shows one mail with its full text, or NOT_FOUND', async () => {
		const id = await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'a@example.org',
			subject: 'S',
			text: 'Link: https://x/y'
		});
		expect((await getOutboxMailById(db, { actor: staffActor(adminId), id: id })).textBody).toBe(
			'Link: https://x/y'
		);
		await expect(
			getOutboxMailById(db, { actor: staffActor(adminId), id: id + 1000 })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('claims a due mail once: a second claim finds nothing until the lease ends', async () => {
		await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'a@example.org',
			subject: 'S',
			text: 'T'
		});
		expect(await claimDueMails(db)).toHaveLength(1);
		expect(await claimDueMails(db)).toHaveLength(0);
		expect(await claimDueMails(db, 20, new Date(Date.now() + 6 * 60_000))).toHaveLength(1);
	});

	it('fails a mail for good after the last attempt', async () => {
		const id = await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'a@example.org',
			subject: 'S',
			text: 'T'
		});
		await markMailAttemptFailed(db, id, 10, 'timeout');
		expect((await getOutboxMailById(db, { actor: staffActor(adminId), id: id })).status).toBe(
			'pending'
		);
		await markMailAttemptFailed(db, id, 11, 'timeout');
		expect(await getOutboxMailById(db, { actor: staffActor(adminId), id: id })).toMatchObject({
			status: 'failed',
			attempts: 12
		});
	});

	it('retries a failed or waiting mail now, with an audit record', async () => {
		const id = await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'a@example.org',
			subject: 'S',
			text: 'T'
		});
		await markMailAttemptFailed(db, id, 0, 'refused', true);
		expect((await getOutboxMailById(db, { actor: staffActor(adminId), id: id })).status).toBe(
			'failed'
		);

		const now = new Date();
		await retryOutboxMail(db, { id, actor: staffActor(adminId), now });
		const row = await getOutboxMailById(db, { actor: staffActor(adminId), id: id });
		expect(row.status).toBe('pending');
		expect(row.nextAttemptAt.getTime()).toBe(now.getTime());
		expect(row.attempts).toBe(1);
		const audit = await db.select().from(auditLog).where(eq(auditLog.entity, 'outbox_mail'));
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actorId: adminId,
			action: 'outbox.retried',
			entityId: String(id)
		});
	});

	it('refuses to retry a sent mail or a missing one', async () => {
		const id = await enqueueMail(db, {
			locale: 'de',
			templateKey: 'test.mail',
			to: 'a@example.org',
			subject: 'S',
			text: 'T'
		});
		await markMailSent(db, id);
		const sent = await retryOutboxMail(db, { id, actor: staffActor(adminId) }).catch((e) => e);
		expect(sent).toBeInstanceOf(DomainError);
		expect(sent.code).toBe('INVALID_TRANSITION');
		const missing = await retryOutboxMail(db, { id: id + 1000, actor: staffActor(adminId) }).catch(
			(e) => e
		);
		expect(missing.code).toBe('NOT_FOUND');
		expect(await db.select().from(auditLog)).toHaveLength(0);
	});
});
