import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database, Db } from '../db/client';
import { auditLog, users } from '../db/schema';
import { ANONYMOUS, CLI_ACTOR, type Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { runInRequest } from '../request-context';
import { resetClock, setClock } from '../time';
import { findRecordHistory } from './find-record-history';
import { recordAudit } from './record-audit';

describe('typed audit on the database', () => {
	let database: Database;
	let db: Db;
	let editor: Actor;
	let admin: Actor;
	let roomsOnly: Actor;
	let resident: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		const staff = async (
			email: string,
			displayName: string,
			roles: ('admin' | 'content' | 'rooms')[]
		) => {
			const [row] = await db.insert(users).values({ email, displayName, roles }).returning();
			return { kind: 'staff', id: row.id, email, displayName, roles } as const;
		};
		editor = await staff('redaktion@example.org', 'Frau Redaktion', ['content']);
		admin = await staff('admin@example.org', 'Herr Admin', ['admin']);
		roomsOnly = await staff('raeume@example.org', 'Frau Räume', ['rooms']);
		const [r] = await db
			.insert(users)
			.values({ email: 'anwohner@example.org', displayName: 'Anwohner' })
			.returning();
		resident = { kind: 'resident', id: r.id, email: r.email, displayName: r.displayName };
	});
	afterAll(async () => {
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(auditLog);
	});
	afterEach(resetClock);

	const rows = () => db.select().from(auditLog).orderBy(auditLog.id);

	describe('recordAudit', () => {
		it('stores who, what, the changed fields before and after, the request id and the clock time', async () => {
			setClock(new Date('2026-03-29T01:30:00Z'));
			await runInRequest('req-abc', () =>
				recordAudit(db, {
					actor: editor,
					action: 'notice.updated',
					entity: 'notice',
					entityId: 7,
					before: { title: 'Alt', priority: 'info', endsAt: null },
					after: { title: 'Neu', priority: 'info', endsAt: new Date('2026-04-01T10:00:00Z') },
					data: { note: 'x' }
				})
			);
			const [row] = await rows();
			expect(row).toMatchObject({
				actorId: editor.kind === 'staff' ? editor.id : -1,
				actorKind: 'staff',
				action: 'notice.updated',
				entity: 'notice',
				entityId: '7',
				data: { note: 'x' },
				requestId: 'req-abc'
			});
			// Unchanged fields (priority) are left out; dates are stored as JSON text.
			expect(row.before).toEqual({ title: 'Alt', endsAt: null });
			expect(row.after).toEqual({ title: 'Neu', endsAt: '2026-04-01T10:00:00.000Z' });
			expect(row.createdAt.toISOString()).toBe('2026-03-29T01:30:00.000Z');
		});

		it('stores no request id outside a request and the actor kind without a user', async () => {
			await recordAudit(db, {
				actor: CLI_ACTOR,
				action: 'account.created',
				entity: 'user',
				entityId: 1
			});
			const [row] = await rows();
			expect(row).toMatchObject({
				actorId: null,
				actorKind: 'cli',
				requestId: null,
				before: null,
				after: null,
				data: null
			});
		});

		it('never stores fields named like secrets (password hashes, tokens)', async () => {
			await recordAudit(db, {
				actor: admin,
				action: 'account.password-set',
				entity: 'user',
				entityId: 1,
				before: { passwordHash: '$argon2id$alt', displayName: 'A' },
				after: { passwordHash: '$argon2id$neu', displayName: 'B' },
				data: { via: 'set_password', token: 'abc', tokenHash: 'def', smtpPassword: 'x' }
			});
			const [row] = await rows();
			expect(row.before).toEqual({ displayName: 'A' });
			expect(row.after).toEqual({ displayName: 'B' });
			expect(row.data).toEqual({ via: 'set_password' });
		});

		it('writes nothing when the change it belongs to is rolled back', async () => {
			await expect(
				db.transaction(async (tx) => {
					await runInRequest('req-rollback', () =>
						recordAudit(tx, {
							actor: editor,
							action: 'notice.deleted',
							entity: 'notice',
							entityId: 1
						})
					);
					throw new Error('the change failed');
				})
			).rejects.toThrow('the change failed');
			expect(await rows()).toHaveLength(0);
		});
	});

	describe('findRecordHistory', () => {
		async function entry(
			at: string,
			actor: Actor,
			action: 'notice.created' | 'notice.updated',
			id = 7
		) {
			setClock(new Date(at));
			await recordAudit(db, {
				actor,
				action,
				entity: 'notice',
				entityId: id,
				...(action === 'notice.updated'
					? { before: { title: `vor ${at}` }, after: { title: `nach ${at}` } }
					: {})
			});
		}

		it('lists a record’s entries newest first, with labels, names and changes', async () => {
			await entry('2026-10-25T00:30:00Z', editor, 'notice.created');
			await entry('2026-10-25T01:30:00Z', CLI_ACTOR, 'notice.updated');
			await entry('2026-10-26T09:00:00Z', admin, 'notice.updated');
			await entry('2026-10-27T09:00:00Z', admin, 'notice.updated', 8); // another notice
			resetClock();
			const { entries, truncated } = await findRecordHistory(db, {
				actor: editor,
				entity: 'notice',
				entityId: 7,
				limit: 10
			});
			expect(truncated).toBe(false);
			expect(entries.map((e) => [e.at.toISOString(), e.actionLabel, e.actorName])).toEqual([
				['2026-10-26T09:00:00.000Z', 'Hinweis geändert', 'Herr Admin'],
				['2026-10-25T01:30:00.000Z', 'Hinweis geändert', 'Kommandozeile'],
				['2026-10-25T00:30:00.000Z', 'Hinweis angelegt', 'Frau Redaktion']
			]);
			expect(entries[0].changes).toEqual([
				{ field: 'title', before: 'vor 2026-10-26T09:00:00Z', after: 'nach 2026-10-26T09:00:00Z' }
			]);
			expect(entries[2].changes).toEqual([]);
		});

		it('keeps the order of entries written in the same instant', async () => {
			setClock(new Date('2026-01-01T12:00:00Z'));
			for (const action of ['notice.created', 'notice.updated'] as const) {
				await recordAudit(db, { actor: editor, action, entity: 'notice', entityId: 7 });
			}
			const { entries } = await findRecordHistory(db, {
				actor: editor,
				entity: 'notice',
				entityId: '7'
			});
			expect(entries.map((e) => e.action)).toEqual(['notice.updated', 'notice.created']);
		});

		it('returns at most `limit` entries and says when there are more', async () => {
			for (let day = 1; day <= 5; day++) {
				await entry(`2026-05-0${day}T10:00:00Z`, editor, 'notice.updated');
			}
			const two = await findRecordHistory(db, {
				actor: editor,
				entity: 'notice',
				entityId: 7,
				limit: 2
			});
			expect(two.truncated).toBe(true);
			expect(two.entries.map((e) => e.at.toISOString().slice(0, 10))).toEqual([
				'2026-05-05',
				'2026-05-04'
			]);
			const all = await findRecordHistory(db, {
				actor: editor,
				entity: 'notice',
				entityId: 7,
				limit: 5
			});
			expect(all).toMatchObject({ truncated: false, entries: { length: 5 } });
			// Nonsense limits are clamped, not passed to SQL.
			const atLeastOne = await findRecordHistory(db, {
				actor: editor,
				entity: 'notice',
				entityId: 7,
				limit: -3
			});
			expect(atLeastOne.entries).toHaveLength(1);
		});

		it('is empty for a record without entries', async () => {
			expect(
				await findRecordHistory(db, { actor: editor, entity: 'notice', entityId: 999 })
			).toEqual({
				entries: [],
				truncated: false
			});
		});

		it('is only for staff who may edit that kind of record', async () => {
			await entry('2026-05-01T10:00:00Z', editor, 'notice.updated');
			const refusal = (actor: Actor, entity: 'notice' | 'user' | 'site_settings') =>
				findRecordHistory(db, { actor, entity, entityId: 7 }).then(
					() => 'allowed',
					(err: unknown) => (err instanceof DomainError ? err.code : String(err))
				);
			expect(await refusal(ANONYMOUS, 'notice')).toBe('UNAUTHENTICATED');
			expect(await refusal(resident, 'notice')).toBe('FORBIDDEN');
			expect(await refusal(roomsOnly, 'notice')).toBe('FORBIDDEN');
			expect(await refusal(editor, 'user')).toBe('FORBIDDEN');
			expect(await refusal(editor, 'site_settings')).toBe('FORBIDDEN');
			expect(await refusal(editor, 'notice')).toBe('allowed');
			expect(await refusal(admin, 'notice')).toBe('allowed');
			expect(await refusal(admin, 'user')).toBe('allowed');
			expect(await refusal(CLI_ACTOR, 'site_settings')).toBe('allowed');
		});

		it('does not show a secret field of an entry stored before secrets were left out', async () => {
			await db.insert(auditLog).values({
				action: 'account.password-set',
				entity: 'user',
				entityId: '7',
				before: { passwordHash: 'alt', roles: [] },
				after: { passwordHash: 'neu', roles: ['content'] }
			});
			const { entries } = await findRecordHistory(db, {
				actor: admin,
				entity: 'user',
				entityId: 7
			});
			expect(entries[0].changes).toEqual([{ field: 'roles', before: [], after: ['content'] }]);
		});

		it('names a deleted account as such', async () => {
			const [gone] = await db
				.insert(users)
				.values({ email: 'weg@example.org', displayName: 'Weg', roles: ['content'] })
				.returning();
			await recordAudit(db, {
				actor: {
					kind: 'staff',
					id: gone.id,
					email: gone.email,
					displayName: 'Weg',
					roles: ['content']
				},
				action: 'notice.deleted',
				entity: 'notice',
				entityId: 7
			});
			await db.delete(users).where(eq(users.id, gone.id));
			const { entries } = await findRecordHistory(db, {
				actor: admin,
				entity: 'notice',
				entityId: 7
			});
			expect(entries[0].actorName).toBe('Gelöschtes Konto');
		});
	});

	describe('the migration of older entries', () => {
		it('renames the free-text actions of before the typed list and marks CLI and lockout entries', async () => {
			const old = [
				['update', 'notice'],
				['create', 'news_post'],
				['delete', 'contact_person'],
				['update', 'site_settings'],
				['account.create', 'user'],
				['account.locked', 'user'],
				['outbox_mail.retry', 'outbox_mail'],
				['contact_message.answered', 'contact_message'],
				['update', 'something_else']
			];
			await db
				.insert(auditLog)
				.values(old.map(([action, entity]) => ({ action, entity, entityId: '1' })));
			// Found by name: the integrator renumbers migrations.
			const name = fs.readdirSync('drizzle').find((f) => f.endsWith('_timeaudit_sql.sql'));
			const file = fs.readFileSync(`drizzle/${name}`, 'utf8');
			for (const statement of file.split('--> statement-breakpoint')) {
				await db.execute(sql.raw(statement));
			}
			expect((await rows()).map((r) => [r.action, r.actorKind])).toEqual([
				['notice.updated', null],
				['news.created', null],
				['contact-person.deleted', null],
				['site-settings.updated', null],
				['account.created', 'cli'],
				['account.locked', 'system'],
				['outbox.retried', null],
				['contact-message.answered', null],
				['update', null]
			]);
		});
	});
});
