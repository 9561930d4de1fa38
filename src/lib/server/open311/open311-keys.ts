import { timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { Db } from '../db/client';
import { open311ApiKeys, users } from '../db/schema';
import { actorUserId, type Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { hashToken, newToken } from '../auth/tokens';
import { recordAudit } from '../audit/record-audit';
import { config } from '../config';
import { DomainError } from '../errors';
import { field } from '../form';
import { now } from '../time';

/*
 * Open311 API keys: issued by admins in the back office (shown once, stored as SHA-256, labelled,
 * revoked), or set by the operator in OPEN311_API_KEYS. A key says which service posts; it
 * grants nothing else (Open311 reads are public).
 */

const KEY_PREFIX = 'o311_';

export const createKeySchema = z.object({
	label: field.text(() => m.concerns_open311_keys_field_label(), 100, {
		hint: () => m.concerns_open311_keys_field_label_hint()
	})
});

export async function createOpen311Key(
	db: Db,
	{ actor, label }: { actor: Actor; label: string }
): Promise<{ id: number; key: string }> {
	assertCan(actor, 'open311.keys.manage');
	const key = `${KEY_PREFIX}${newToken()}`;
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(open311ApiKeys)
			.values({
				label,
				keyHash: hashToken(key),
				keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
				createdBy: actorUserId(actor),
				createdAt: now()
			})
			.returning({ id: open311ApiKeys.id });
		await recordAudit(tx, {
			actor,
			action: 'concern.open311-key-created',
			entity: 'open311_api_key',
			entityId: row.id,
			data: { label }
		});
		return { id: row.id, key };
	});
}

/** Revokes a key; revoking it again changes nothing and records nothing. */
export async function revokeOpen311Key(
	db: Db,
	{ actor, id }: { actor: Actor; id: number }
): Promise<{ changed: boolean }> {
	assertCan(actor, 'open311.keys.manage');
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(open311ApiKeys)
			.set({ revokedAt: now(), revokedBy: actorUserId(actor) })
			.where(and(eq(open311ApiKeys.id, id), isNull(open311ApiKeys.revokedAt)))
			.returning({ id: open311ApiKeys.id, label: open311ApiKeys.label });
		if (!row) {
			const [exists] = await tx
				.select({ id: open311ApiKeys.id })
				.from(open311ApiKeys)
				.where(eq(open311ApiKeys.id, id));
			if (!exists) throw new DomainError('NOT_FOUND');
			return { changed: false };
		}
		await recordAudit(tx, {
			actor,
			action: 'concern.open311-key-revoked',
			entity: 'open311_api_key',
			entityId: row.id,
			data: { label: row.label }
		});
		return { changed: true };
	});
}

/** The keys for the back-office list, newest first (never a hash). */
export async function listOpen311Keys(db: Db, { actor }: { actor: Actor }) {
	assertCan(actor, 'open311.keys.manage');
	return db
		.select({
			id: open311ApiKeys.id,
			label: open311ApiKeys.label,
			keyPrefix: open311ApiKeys.keyPrefix,
			createdAt: open311ApiKeys.createdAt,
			createdByName: users.displayName,
			createdByEmail: users.email,
			revokedAt: open311ApiKeys.revokedAt
		})
		.from(open311ApiKeys)
		.leftJoin(users, eq(users.id, open311ApiKeys.createdBy))
		.orderBy(desc(open311ApiKeys.createdAt), desc(open311ApiKeys.id));
}

function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export type ApiKeyCheck =
	| { ok: true; keyId: number | null; via: 'issued' | 'setting' | 'keyless' }
	| { ok: false; reason: 'missing' | 'invalid' };

/**
 * Whether a POST may go on: a valid issued key, a key from OPEN311_API_KEYS, or no key at all
 * where OPEN311_ALLOW_KEYLESS allows it. A wrong key is refused even then: a client that sends
 * one means to use it and should learn that it does not work.
 */
export async function checkOpen311Key(
	db: Db,
	key: string,
	settings: { keys: string[]; allowKeyless: boolean } = {
		keys: config().OPEN311_API_KEYS,
		allowKeyless: config().OPEN311_ALLOW_KEYLESS
	}
): Promise<ApiKeyCheck> {
	if (key === '') {
		return settings.allowKeyless
			? { ok: true, keyId: null, via: 'keyless' }
			: { ok: false, reason: 'missing' };
	}
	if (key.length > 200) return { ok: false, reason: 'invalid' };
	if (settings.keys.some((k) => sameText(k, key))) return { ok: true, keyId: null, via: 'setting' };
	const [row] = await db
		.select({ id: open311ApiKeys.id })
		.from(open311ApiKeys)
		.where(and(eq(open311ApiKeys.keyHash, hashToken(key)), isNull(open311ApiKeys.revokedAt)));
	return row ? { ok: true, keyId: row.id, via: 'issued' } : { ok: false, reason: 'invalid' };
}
