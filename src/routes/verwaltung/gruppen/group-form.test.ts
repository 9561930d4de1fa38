import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { call, isRefusal, type Fields, type Handler } from '$tests/helpers/actions';
import { ANONYMOUS } from '$tests/helpers/actors';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import type { Database, Db } from '$lib/server/db/client';
import { eventImages, events, groupEditors, groups, images } from '$lib/server/db/schema';
import { useImagesDir } from '$lib/server/media/image-files';
import { seedSite } from '$lib/server/site/seed-site';
import { actions as editActions, load as editLoad } from './[id=id]/+page.server';
import { load as listLoad } from './+page.server';
import { actions as newActions } from './neu/+page.server';
import {
	actions as eventActions,
	load as eventLoad
} from '../veranstaltungen/[id=id]/+page.server';
import { load as publicEventLoad } from '../../(public)/veranstaltungen/[slug]/+page.server';
import { load as publicListLoad } from '../../(public)/veranstaltungen/+page.server';
import { load as accountLoad } from '../../(auth)/konto/+page.server';

/*
 * The group pages' and the event image's form actions on a real database, without HTTP: what
 * each answers (redirect, 400/409 with a German message at its field, 403) and what it stores.
 */

describe('group and event image forms', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let roomsStaff: Actor;
	let resident: Actor & { id: number };
	let imageDir: string;

	beforeAll(async () => {
		imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-group-forms-'));
		useImagesDir(imageDir);
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		resident = await createActor(db, { email: 'jonas@example.org', displayName: 'Jonas' });
	});
	afterAll(async () => {
		useImagesDir(null);
		fs.rmSync(imageDir, { recursive: true, force: true });
		await database?.close();
	});

	const post = (handler: unknown, p: string, fields: Fields, actor = content, id?: number) =>
		call(handler as Handler, {
			db,
			actor,
			path: p,
			params: id === undefined ? {} : { id: String(id) },
			fields
		});

	it('creates a group, answers bad input with 400 and the values, and refuses other roles', async () => {
		const bad = await post(newActions.default, '/verwaltung/gruppen/neu', {
			name: '',
			email: 'kein-at-zeichen',
			description: 'Wir treffen uns.'
		});
		expect(bad.status).toBe(400);
		expect(bad.errors?.name).toMatch(/Bitte füllen Sie das Feld „Name der Gruppe“ aus/);
		expect(bad.errors?.email).toBeTruthy();
		expect(bad.values?.description).toBe('Wir treffen uns.');

		for (const actor of [ANONYMOUS, roomsStaff, resident]) {
			const refused = await post(
				newActions.default,
				'/verwaltung/gruppen/neu',
				{ name: 'X' },
				actor
			);
			expect(isRefusal(refused, actor), JSON.stringify(refused)).toBe(true);
		}
		expect(await db.select().from(groups).where(eq(groups.name, 'X'))).toEqual([]);

		const made = await post(newActions.default, '/verwaltung/gruppen/neu', {
			name: 'Boule-Freunde',
			description: 'Boule auf dem Marktplatz.',
			showContact: 'on'
		});
		expect(made).toMatchObject({ status: 303, location: '/verwaltung/gruppen?angelegt=1' });
		const [row] = await db.select().from(groups).where(eq(groups.slug, 'boule-freunde'));
		expect(row).toMatchObject({ name: 'Boule-Freunde', showContact: true });

		const list = await call(listLoad as Handler, {
			db,
			actor: content,
			path: '/verwaltung/gruppen'
		});
		const rows = (list.data?.groups as { rows: { name: string }[] }).rows;
		expect(rows.map((r) => r.name)).toContain('Boule-Freunde');
		const beyond = await call(listLoad as Handler, {
			db,
			actor: content,
			path: '/verwaltung/gruppen?seite=99'
		});
		expect(beyond.status).toBe(404);
	});

	it('edits a group, manages its editors and shows them under "Mein Konto"', async () => {
		const [group] = await db.select().from(groups).where(eq(groups.slug, 'boule-freunde'));
		const page = `/verwaltung/gruppen/${group.id}`;

		const save = await post(
			editActions.save,
			`${page}?/save`,
			{ name: 'Boule-Freunde Kaster', description: 'x'.repeat(501) },
			content,
			group.id
		);
		expect(save.status).toBe(400);
		expect(save.data?.form).toBe('group');
		expect(save.errors?.description).toMatch(/höchstens 500 Zeichen/);
		expect(
			(
				await post(
					editActions.save,
					`${page}?/save`,
					{ name: 'Boule-Freunde Kaster', description: 'Boule.' },
					content,
					group.id
				)
			).status
		).toBe(303);

		const unknown = await post(
			editActions.addEditor,
			`${page}?/addEditor`,
			{ email: 'niemand@example.org' },
			content,
			group.id
		);
		expect(unknown).toMatchObject({ status: 400, data: { form: 'addEditor' } });
		expect(unknown.errors?.email).toMatch(/gibt es kein Konto/);
		expect(unknown.values?.email).toBe('niemand@example.org');

		const added = await post(
			editActions.addEditor,
			`${page}?/addEditor`,
			{ email: 'Jonas@Example.org' },
			content,
			group.id
		);
		expect(added).toMatchObject({ status: 303, location: `${page}?bearbeiter=1#bearbeiter` });
		const twice = await post(
			editActions.addEditor,
			`${page}?/addEditor`,
			{ email: 'jonas@example.org' },
			content,
			group.id
		);
		expect(twice.status).toBe(409);

		const loaded = await call(editLoad as Handler, {
			db,
			actor: content,
			path: page,
			params: { id: String(group.id) }
		});
		expect(loaded.data?.editors).toEqual([
			{ userId: resident.id, email: 'jonas@example.org', displayName: 'Jonas' }
		]);
		const history = loaded.data?.history as { entries: { action: string }[] };
		expect(history.entries.map((e) => e.action)).toEqual([
			'group.editor-added',
			'group.updated',
			'group.created'
		]);

		const account = await call(accountLoad as Handler, { db, actor: resident, path: '/konto' });
		expect(account.data?.groups).toEqual([
			{ id: group.id, slug: 'boule-freunde', name: 'Boule-Freunde Kaster' }
		]);

		const removed = await post(
			editActions.removeEditor,
			`${page}?/removeEditor`,
			{ user: String(resident.id) },
			content,
			group.id
		);
		expect(removed).toMatchObject({
			status: 303,
			location: `${page}?bearbeiter-entfernt=1#bearbeiter`
		});
		expect(await db.select().from(groupEditors)).toEqual([]);
		expect(
			(
				await post(
					editActions.removeEditor,
					`${page}?/removeEditor`,
					{ user: 'abc' },
					content,
					group.id
				)
			).status
		).toBe(400);
	});

	it('deletes a group only without events, after the confirmation', async () => {
		const [example] = await db.select().from(groups).where(eq(groups.isExample, true)).limit(1);
		const refused = await post(
			editActions.delete,
			`/verwaltung/gruppen/${example.id}?/delete`,
			{ confirm: 'on' },
			content,
			example.id
		);
		expect(refused.status).toBe(409);
		expect(refused.data?.deleteErrors).toMatchObject({
			confirm: expect.stringMatching(/kann nicht gelöscht werden/)
		});

		const [group] = await db.select().from(groups).where(eq(groups.slug, 'boule-freunde'));
		const unconfirmed = await post(
			editActions.delete,
			`/verwaltung/gruppen/${group.id}?/delete`,
			{},
			content,
			group.id
		);
		expect(unconfirmed.status).toBe(400);
		const deleted = await post(
			editActions.delete,
			`/verwaltung/gruppen/${group.id}?/delete`,
			{ confirm: 'on' },
			content,
			group.id
		);
		expect(deleted).toMatchObject({ status: 303, location: '/verwaltung/gruppen?geloescht=1' });
		expect(await db.select().from(groups).where(eq(groups.id, group.id))).toEqual([]);
	});

	it('uploads an event image on the staff page and shows it on the public page', async () => {
		const [event] = await db
			.select({ id: events.id, slug: events.slug })
			.from(events)
			.where(eq(events.moderation, 'published'))
			.limit(1);
		const page = `/verwaltung/veranstaltungen/${event.id}`;
		const pdf = new File(['%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF'], 'flyer.jpg', {
			type: 'image/jpeg'
		});
		const bad = await post(
			eventActions.setImage,
			`${page}?/setImage`,
			{ image: pdf, altText: 'Der Flyer' },
			content,
			event.id
		);
		expect(bad).toMatchObject({ status: 400, data: { form: 'image' } });
		expect(bad.errors?.image).toMatch(/nicht als Bild verwenden/);
		expect(bad.values?.altText).toBe('Der Flyer');
		expect(await db.select({ n: count() }).from(images)).toEqual([{ n: 0 }]);

		const forbidden = await post(
			eventActions.setImage,
			`${page}?/setImage`,
			{ image: pdf, altText: 'Der Flyer' },
			roomsStaff,
			event.id
		);
		expect(forbidden.status).toBe(403);

		const jpeg = new File(
			[
				new Uint8Array(
					await sharp({ create: { width: 640, height: 480, channels: 3, background: '#fa0' } })
						.jpeg()
						.toBuffer()
				)
			],
			'fest.jpg',
			{ type: 'image/jpeg' }
		);
		const ok = await post(
			eventActions.setImage,
			`${page}?/setImage`,
			{ image: jpeg, altText: 'Lampions im Hof' },
			content,
			event.id
		);
		expect(ok).toMatchObject({ status: 303, location: `${page}?bild=1#bild` });

		const staffPage = await call(eventLoad as Handler, {
			db,
			actor: content,
			path: page,
			params: { id: String(event.id) }
		});
		expect(staffPage.data?.image).toMatchObject({ altText: 'Lampions im Hof' });

		const publicPage = await call(publicEventLoad as Handler, {
			db,
			path: `/veranstaltungen/${event.slug}`,
			params: { slug: event.slug }
		});
		const [{ key }] = await db.select({ key: images.key }).from(images);
		expect(publicPage.data?.image).toMatchObject({
			altText: 'Lampions im Hof',
			image: { src: `/medien/bilder/${key}-640.jpg` }
		});
		expect(JSON.parse(publicPage.data?.jsonLd as string).image).toMatch(
			new RegExp(`^https?://[^/]+/medien/bilder/${key}-640\\.jpg$`)
		);
		// Small in the list, beside the event's dates (only the events that have one).
		const list = await call(publicListLoad as Handler, { db, path: '/veranstaltungen' });
		const listed = list.data?.images as Record<string, { image: { src: string } }>;
		expect(Object.keys(listed)).toEqual([event.slug]);
		expect(listed[event.slug].image.src).toBe(`/medien/bilder/${key}-640.jpg`);

		const removed = await post(
			eventActions.removeImage,
			`${page}?/removeImage`,
			{},
			content,
			event.id
		);
		expect(removed).toMatchObject({ status: 303, location: `${page}?bild-entfernt=1#bild` });
		expect(await db.select().from(eventImages)).toEqual([]);
		expect(fs.readdirSync(imageDir)).toEqual([]);
		const again = await post(
			eventActions.removeImage,
			`${page}?/removeImage`,
			{},
			content,
			event.id
		);
		expect(again.status).toBe(404);
	});
});
