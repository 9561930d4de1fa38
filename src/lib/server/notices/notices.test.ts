import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '../db/client';
import { auditLog, notices, users } from '../db/schema';
import { DomainError } from '../errors';
import { parseFormData } from '../form';
import { noticeSchema } from './notices.schemas';
import { createNotice } from './create-notice';
import { updateNotice } from './update-notice';
import { deleteNotice } from './delete-notice';
import { findNotices } from './find-notices';
import { getNoticeById } from './get-notice-by-id';
import { findActiveNotices } from './find-active-notices';
import { noticeStatus } from './notice-rules';
import { staffActor } from '$tests/helpers/actors';
import type { Actor } from '$lib/server/auth/actor';

const HOUR = 3_600_000;

function formOf(fields: Record<string, string>) {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
}

describe('notices', () => {
	let database: Database;
	let actor: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		const [user] = await database.db
			.insert(users)
			.values({ email: 'redaktion@example.org', roles: ['content'] })
			.returning({ id: users.id });
		actor = staffActor(user.id, ['content']);
	});
	afterAll(async () => {
		await database.close();
	});

	it('parses Berlin wall-clock times and requires the start', () => {
		const ok = parseFormData(
			formOf({
				title: 'Geschlossen',
				priority: 'important',
				startsAt: '2025-07-01T09:00',
				endsAt: ''
			}),
			noticeSchema
		);
		expect(ok.ok).toBe(true);
		if (ok.ok) {
			expect(ok.data.startsAt.toISOString()).toBe('2025-07-01T07:00:00.000Z');
			expect(ok.data.endsAt).toBeNull();
			expect(ok.data.body).toBe('');
		}
		const bad = parseFormData(
			formOf({
				title: '',
				priority: 'wichtig',
				startsAt: '',
				endsAt: 'morgen',
				body: 'x'.repeat(100_000)
			}),
			noticeSchema
		);
		expect(bad.ok).toBe(false);
		if (bad.ok) return;
		expect(bad.errors).toEqual({
			title: 'Bitte füllen Sie das Feld „Überschrift“ aus.',
			body: '„Text“ darf höchstens 2000 Zeichen lang sein.',
			priority: 'Bitte wählen Sie bei „Art des Hinweises“ eine der angebotenen Möglichkeiten.',
			startsAt: 'Bitte füllen Sie das Feld „Anzeigen ab“ aus.',
			endsAt: 'Bitte geben Sie bei „Anzeigen bis“ ein gültiges Datum ein.'
		});
	});

	it('refuses an end that is not after the start, naming the field, storing nothing', async () => {
		const startsAt = new Date('2025-07-01T07:00:00Z');
		for (const endsAt of [startsAt, new Date(startsAt.getTime() - HOUR)]) {
			const err = await createNotice(database.db, {
				actor,
				input: { title: 'T', body: '', priority: 'info', startsAt, endsAt }
			}).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(DomainError);
			expect((err as DomainError).fieldErrors?.endsAt).toBe(
				'„Anzeigen bis“ muss nach „Anzeigen ab“ liegen.'
			);
		}
		expect((await findNotices(database.db, { actor, page: 1 })).total).toBe(0);
	});

	it('creates, shows while active, hides after the end, updates and deletes with audit records', async () => {
		const now = new Date();
		const { id } = await createNotice(database.db, {
			actor,
			input: {
				title: '<script>alert(1)</script> Büro zu',
				body: "'; delete from notices; --",
				priority: 'urgent',
				startsAt: new Date(now.getTime() - HOUR),
				endsAt: new Date(now.getTime() + HOUR)
			}
		});
		const active = await findActiveNotices(database.db, now);
		expect(active.map((n) => n.title)).toEqual(['<script>alert(1)</script> Büro zu']);
		expect(active[0].body).toBe("'; delete from notices; --");
		expect(await findActiveNotices(database.db, new Date(now.getTime() + 2 * HOUR))).toEqual([]);
		expect(await findActiveNotices(database.db, new Date(now.getTime() - 2 * HOUR))).toEqual([]);

		await updateNotice(database.db, {
			actor,
			id,
			input: {
				title: 'Büro zu',
				body: '',
				priority: 'info',
				startsAt: new Date(now.getTime() + HOUR),
				endsAt: null
			}
		});
		const updated = await getNoticeById(database.db, { actor, id: id });
		expect(updated.title).toBe('Büro zu');
		expect(noticeStatus(updated, now)).toBe('scheduled');

		await deleteNotice(database.db, { actor, id });
		await expect(getNoticeById(database.db, { actor, id: id })).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		const audit = await database.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'notice'), eq(auditLog.entityId, String(id))));
		expect(audit.map((a) => a.action).sort()).toEqual([
			'notice.created',
			'notice.deleted',
			'notice.updated'
		]);
	});

	it('reports NOT_FOUND for unknown ids', async () => {
		await expect(deleteNotice(database.db, { actor, id: 999999 })).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		await expect(
			updateNotice(database.db, {
				actor,
				id: 999999,
				input: { title: 'x', body: '', priority: 'info', startsAt: new Date(), endsAt: null }
			})
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('lists notices paginated with status active / scheduled / expired', async () => {
		const now = new Date('2025-06-15T12:00:00Z');
		const day = 24 * HOUR;
		const windows: [number, number | null][] = [
			[-2 * day, -day], // expired
			[-day, null], // active
			[day, 2 * day] // scheduled
		];
		for (let i = 0; i < 25; i++) {
			const [from, to] = windows[i % 3];
			await database.db.insert(notices).values({
				title: `Hinweis ${i}`,
				priority: 'info',
				startsAt: new Date(now.getTime() + from + i * 1000),
				endsAt: to === null ? null : new Date(now.getTime() + to)
			});
		}
		const first = await findNotices(database.db, { actor, page: 1, pageSize: 10, now });
		expect(first).toMatchObject({ total: 25, pages: 3, page: 1 });
		expect(first.rows).toHaveLength(10);
		const third = await findNotices(database.db, { actor, page: 3, pageSize: 10, now });
		expect(third.rows).toHaveLength(5);
		const all = [
			...first.rows,
			...(await findNotices(database.db, { actor, page: 2, pageSize: 10, now })).rows,
			...third.rows
		];
		expect(new Set(all.map((r) => r.id)).size).toBe(25);
		const statusOf = (title: string) => all.find((r) => r.title === title)?.status;
		expect(statusOf('Hinweis 0')).toBe('expired');
		expect(statusOf('Hinweis 1')).toBe('active');
		expect(statusOf('Hinweis 2')).toBe('scheduled');
	});
});
