import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { createNewsPost, createStaffUser, type TestAccount } from '$tests/factories';
import { setPasswordTokenFrom } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import { sendSetPasswordLink } from '$lib/server/auth/send-set-password-link';
import { setPasswordWithToken } from '$lib/server/auth/set-password-with-token';
import type { RecordHistoryView } from '$lib/server/audit/load-record-history';
import type { Database, Db } from '$lib/server/db/client';
import * as newsPage from './neuigkeiten/[id=id]/+page.server';
import * as accountPage from './konten/[id]/+page.server';

/*
 * A record's history beside the record: an edit through the page's form action, then the page's
 * load shows it (who, what, the fields before and after, named as the form names them), and
 * only to staff who may edit that kind of record. The route × role matrix checks every load.
 */

describe('record history on the back-office edit pages', () => {
	let database: Database;
	let db: Db;
	let editor: TestAccount;
	let admin: TestAccount;
	let rooms: TestAccount;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		editor = await createStaffUser(db, { roles: ['content'], displayName: 'Frau Redaktion' });
		admin = await createStaffUser(db, { roles: ['admin'], displayName: 'Herr Admin' });
		rooms = await createStaffUser(db, { roles: ['rooms'] });
	});
	afterAll(async () => {
		await database?.close();
	});

	const load = (handler: unknown, actor: Actor, path: string, params: Record<string, string>) =>
		call(handler as Handler, { db, actor, path, params });
	const act = (
		handler: unknown,
		actor: Actor,
		path: string,
		params: Record<string, string>,
		fields: Fields
	) => call(handler as Handler, { db, actor, path, params, fields });
	const historyOf = (data: Record<string, unknown> | undefined) =>
		data?.history as RecordHistoryView;

	describe('news post', () => {
		it('shows a saved change with the fields before and after, by their form labels', async () => {
			const post = await createNewsPost(db, { title: 'Sommerfest', publishedAt: null });
			const params = { id: String(post.id) };
			const path = `/verwaltung/neuigkeiten/${post.id}`;
			const saved = await act(newsPage.actions.save, editor.actor, path, params, {
				title: 'Sommerfest 2026',
				slug: post.slug,
				summary: '',
				body: post.body,
				published: 'on'
			});
			expect(saved.status).toBe(303);

			const page = await load(newsPage.load, editor.actor, path, params);
			expect(page.status).toBe(200);
			const history = historyOf(page.data);
			expect(history.truncated).toBe(false);
			expect(history.entries).toHaveLength(1);
			const [entry] = history.entries;
			expect(entry).toMatchObject({
				action: 'news.updated',
				actionLabel: 'Neuigkeit geändert',
				actorName: 'Frau Redaktion'
			});
			expect(entry.changes).toContainEqual({
				field: 'title',
				before: 'Sommerfest',
				after: 'Sommerfest 2026'
			});
			const published = entry.changes.find((c) => c.field === 'publishedAt');
			expect(published?.before).toBeNull();
			expect(published?.after).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			expect(entry.changes.map((c) => c.field).sort()).toEqual(['publishedAt', 'title']);
			expect(history.fieldLabels).toMatchObject({
				title: 'Überschrift',
				body: 'Text',
				publishedAt: 'Veröffentlicht am'
			});
		});

		it('is not shown to staff who may not edit content', async () => {
			const post = await createNewsPost(db);
			const answer = await load(newsPage.load, rooms.actor, `/verwaltung/neuigkeiten/${post.id}`, {
				id: String(post.id)
			});
			expect(answer.status).toBe(403);
			expect(answer.data).toBeUndefined();
		});
	});

	describe('account', () => {
		it('shows role changes by the role names and never a password hash or token', async () => {
			const target = await createStaffUser(db, { roles: ['rooms'], displayName: 'Frau Raum' });
			const params = { id: String(target.user.id) };
			const path = `/verwaltung/konten/${target.user.id}`;
			const changed = await act(accountPage.actions.rollen, admin.actor, path, params, {
				role_rooms: 'on',
				role_content: 'on'
			});
			expect(changed).toMatchObject({ status: 200, data: { done: 'roles' } });
			// The owner sets a new password with a mailed link: audited, without its secrets.
			const { link } = await sendSetPasswordLink(db, {
				actor: admin.actor,
				userId: target.user.id,
				origin: 'http://127.0.0.1',
				sendMail: false
			});
			const token = setPasswordTokenFrom(link);
			await setPasswordWithToken(db, {
				actor: target.actor,
				token,
				password: 'Ein-Neues-Langes-Passwort-7'
			});

			const page = await load(accountPage.load, admin.actor, path, params);
			expect(page.status).toBe(200);
			const history = historyOf(page.data);
			expect(history.entries.map((e) => [e.action, e.actorName])).toEqual([
				['account.password-set', 'Frau Raum'],
				['account.link-sent', 'Herr Admin'],
				['account.roles-changed', 'Herr Admin']
			]);
			expect(history.entries[2].changes).toEqual([
				{ field: 'roles', before: ['rooms'], after: ['rooms', 'content'] }
			]);
			expect(history.entries[0].changes).toEqual([]);
			expect(history.fieldLabels.roles).toBe('Rollen');
			expect(history.valueLabels.roles).toMatchObject({ rooms: 'Räume', content: 'Inhalte' });

			const shown = JSON.stringify(history);
			expect(shown).not.toMatch(/argon2|passwordHash|password_hash|token/i);
			expect(shown).not.toContain(token);
		});

		it('is not shown to staff who do not manage accounts', async () => {
			const answer = await load(
				accountPage.load,
				editor.actor,
				`/verwaltung/konten/${admin.user.id}`,
				{ id: String(admin.user.id) }
			);
			expect(answer.status).toBe(403);
			expect(answer.data).toBeUndefined();
		});
	});
});
