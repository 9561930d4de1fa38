import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { auditLog, capabilityLinks, users } from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { can } from '../auth/permissions';
import { hashToken } from '../auth/tokens';
import { DomainError, httpStatusOf, messageOf } from '../errors';
import { resetClock, setClock } from '../time';
import { issueCapabilityLink, maskEmail } from './issue-capability-link';
import { peekCapabilityLink, redeemCapabilityLink } from './redeem-capability-link';
import { revokeCapabilityLinks } from './revoke-capability-links';
import { findCapabilityLinks } from './find-capability-links';
import { describeCapabilityLink } from '$lib/capability-link-text';

const T0 = new Date('2026-03-01T09:00:00Z');
const RECORD = { type: 'example' as const, id: 7 };

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
	try {
		await promise;
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a DomainError');
}

describe('capability links', () => {
	let database: Database;
	let db: Db;
	let staff: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		const [user] = await db
			.insert(users)
			.values({ email: 'admin@example.org', roles: ['admin'] })
			.returning({ id: users.id });
		staff = {
			kind: 'staff',
			id: user.id,
			email: 'admin@example.org',
			displayName: '',
			roles: ['admin']
		};
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		setClock(T0);
		await db.delete(capabilityLinks);
		await db.delete(auditLog);
	});
	afterEach(() => resetClock());

	function issue(options: { singleUse?: boolean; days?: number; record?: typeof RECORD } = {}) {
		return db.transaction((tx) =>
			issueCapabilityLink(tx, {
				actor: staff,
				purpose: 'example.view',
				record: options.record ?? RECORD,
				expiresIn: { days: options.days ?? 14 },
				singleUse: options.singleUse ?? false,
				sentTo: 'erika.muster@example.org'
			})
		);
	}

	it('stores only the hash and grants a capability actor for its record', async () => {
		const { token, linkId, expiresAt } = await issue();
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(expiresAt).toEqual(new Date('2026-03-15T09:00:00Z'));
		const [row] = await db.select().from(capabilityLinks);
		expect(row.tokenHash).toBe(hashToken(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row).toMatchObject({ createdBy: (staff as { id: number }).id, sentAt: T0 });

		const actor = await redeemCapabilityLink(db, token, 'example.view');
		expect(actor).toEqual({
			kind: 'capability',
			linkId,
			purpose: 'example.view',
			recordType: 'example',
			recordId: 7
		});
		// A multi-use link keeps working.
		expect(await redeemCapabilityLink(db, token, 'example.view')).toEqual(actor);
		const audit = await db.select().from(auditLog);
		expect(audit.map((a) => a.action)).toEqual(['capability-link.issued']);
		expect(JSON.stringify(audit)).not.toContain(token);
	});

	it('lets can() grant a permission to the link holder on that record only', async () => {
		const { token } = await issue();
		const actor = await redeemCapabilityLink(db, token, 'example.view');
		expect(can(actor, 'example.view', { type: 'example', id: 7 })).toBe(true);
		expect(can(actor, 'example.view', { type: 'example', id: 8 })).toBe(false);
		expect(can(actor, 'example.view', { type: 'concern', id: 7 })).toBe(false);
		expect(can(actor, 'example.view')).toBe(false);
		expect(can(actor, 'contact.read')).toBe(false);
		expect(can(ANONYMOUS, 'example.view', { type: 'example', id: 7 })).toBe(false);
		expect(can({ ...actor, purpose: 'concern.status' }, 'example.view', RECORD)).toBe(false);
	});

	it('expires: works until the last instant, then answers GONE with a German message', async () => {
		const { token } = await issue({ days: 1 });
		setClock(new Date('2026-03-02T08:59:59Z'));
		await expect(peekCapabilityLink(db, token, 'example.view')).resolves.toMatchObject({
			recordId: 7
		});
		setClock(new Date('2026-03-02T09:00:00Z'));
		const err = await rejection(redeemCapabilityLink(db, token, 'example.view'));
		expect(err).toMatchObject({ code: 'GONE', message: 'expired' });
		expect(httpStatusOf(err)).toBe(410);
		expect(messageOf(err)).toBe(
			'Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen Link an oder wenden Sie sich an uns.'
		);
		expect((await rejection(peekCapabilityLink(db, token, 'example.view'))).message).toBe(
			'expired'
		);
	});

	it('is used up once when single use; peeking does not use it', async () => {
		const { token } = await issue({ singleUse: true });
		await peekCapabilityLink(db, token, 'example.view');
		await peekCapabilityLink(db, token, 'example.view');
		setClock(new Date('2026-03-01T10:00:00Z'));
		await redeemCapabilityLink(db, token, 'example.view');
		const err = await rejection(redeemCapabilityLink(db, token, 'example.view'));
		expect(err).toMatchObject({ code: 'GONE', message: 'used' });
		expect(messageOf(err)).toBe('Dieser Link wurde bereits benutzt und gilt nur einmal.');
		const [row] = await db.select().from(capabilityLinks);
		expect(row.usedAt).toEqual(new Date('2026-03-01T10:00:00Z'));
	});

	it('lets exactly one of two concurrent redeems of a single-use link win', async () => {
		const { token } = await issue({ singleUse: true });
		const results = await Promise.allSettled([
			redeemCapabilityLink(db, token, 'example.view'),
			redeemCapabilityLink(db, token, 'example.view')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(lost.reason).toMatchObject({ code: 'GONE', message: 'used' });
	});

	it('revokes the live links of a record, audited, leaving other records alone', async () => {
		const first = await issue();
		const second = await issue({ singleUse: true });
		const other = await issue({ record: { type: 'example', id: 8 } });
		setClock(new Date('2026-03-01T12:00:00Z'));
		const revoked = await db.transaction((tx) =>
			revokeCapabilityLinks(tx, { actor: staff, record: RECORD, purpose: 'example.view' })
		);
		expect(revoked).toBe(2);
		for (const { token } of [first, second]) {
			const err = await rejection(redeemCapabilityLink(db, token, 'example.view'));
			expect(err).toMatchObject({ code: 'GONE', message: 'revoked' });
			expect(messageOf(err)).toContain('zurückgezogen');
		}
		await redeemCapabilityLink(db, other.token, 'example.view');
		// Revoking again finds nothing live and records nothing.
		expect(
			await db.transaction((tx) => revokeCapabilityLinks(tx, { actor: staff, record: RECORD }))
		).toBe(0);
		const audit = await db
			.select({ action: auditLog.action, entityId: auditLog.entityId })
			.from(auditLog)
			.where(eq(auditLog.action, 'capability-link.revoked'));
		expect(audit.map((a) => Number(a.entityId)).sort()).toEqual(
			[first.linkId, second.linkId].sort()
		);
	});

	it('answers NOT_FOUND for a wrong purpose, a tampered or malformed token', async () => {
		const { token } = await issue();
		const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
		for (const [value, purpose] of [
			[token, 'concern.status'],
			[tampered, 'example.view'],
			['', 'example.view'],
			[`${token}x`, 'example.view'],
			["' or 1=1 --", 'example.view']
		] as const) {
			const err = await rejection(redeemCapabilityLink(db, value, purpose));
			expect(err.code).toBe('NOT_FOUND');
		}
		// The wrong-purpose attempt did not use up or change the link.
		await redeemCapabilityLink(db, token, 'example.view');
	});

	it('shows staff when and to whom a link went, never the link', async () => {
		const used = await issue({ singleUse: true });
		setClock(new Date('2026-03-01T10:30:00Z'));
		await redeemCapabilityLink(db, used.token, 'example.view');
		setClock(new Date('2026-03-02T09:00:00Z'));
		const live = await issue({ days: 3 });

		const links = await findCapabilityLinks(db, { record: RECORD });
		expect(links.map((l) => [l.id, l.state])).toEqual([
			[live.linkId, 'active'],
			[used.linkId, 'used']
		]);
		expect(JSON.stringify(links)).not.toContain(used.token);
		expect(JSON.stringify(links)).not.toContain(hashToken(used.token));
		expect(links[0].sentToHint).toBe('e…@example.org');
		expect(describeCapabilityLink(links[0])).toBe(
			'Link gesendet am 02.03.2026, 10:00 an e…@example.org, gültig bis 05.03.2026, 10:00'
		);
		expect(describeCapabilityLink(links[1])).toBe(
			'Link gesendet am 01.03.2026, 10:00 an e…@example.org, gültig bis 15.03.2026, 10:00, benutzt am 01.03.2026, 11:30'
		);
		setClock(new Date('2026-03-06T09:00:00Z'));
		expect((await findCapabilityLinks(db, { record: RECORD }))[0].state).toBe('expired');
	});

	it('masks addresses', () => {
		expect(maskEmail('erika@example.org')).toBe('e…@example.org');
		expect(maskEmail('nonsense')).toBe('…');
	});
});
