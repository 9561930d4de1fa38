import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { failure } from '$tests/helpers/domain-error';
import { createActor, createUser } from '$tests/helpers/users';
import { ANONYMOUS, type Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import { auditLog, eventImages, events, groupEditors, groups, images, users } from '../db/schema';
import { parseFormData } from '../form';
import { useImagesDir } from '../media/image-files';
import { seedSite } from '../site/seed-site';
import { addGroupEditor } from './add-group-editor';
import { createGroup } from './create-group';
import { deleteGroup } from './delete-group';
import { eventJsonLd } from './event-json-ld';
import { eventImageSchema, type EventImageInput } from './event-image.schemas';
import { findEventImage } from './event-images';
import { findGroupsForAdmin, getGroupForAdmin } from './find-groups-admin';
import { getEventBySlug } from './get-event-by-slug';
import { getGroupBySlug } from './get-group-by-slug';
import { findGroupEditors, findGroupsEditedBy, isGroupEditor } from './group-editors';
import { groupSchema, type GroupInput } from './groups.schemas';
import { removeEventImage } from './remove-event-image';
import { removeExampleEvents } from './remove-example-events';
import { removeGroupEditor } from './remove-group-editor';
import { setEventImage } from './set-event-image';
import { updateGroup } from './update-group';

/*
 * Organiser groups (create, edit, delete, editors) and the event image, as use cases on a real
 * database: bad input never reaches the tables, the wrong role is refused, and an image's files
 * live exactly as long as its row.
 */

function parse<T>(
	schema: Parameters<typeof parseFormData>[1],
	fields: Record<string, string | Blob>
) {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.append(key, value);
	return parseFormData(data, schema) as
		{ ok: true; data: T } | { ok: false; errors: Record<string, string> };
}

const goodGroup = (over: Record<string, string> = {}) => ({
	name: 'Sprachcafé Kaster',
	description: 'Deutsch üben bei Kaffee und Tee, jede Woche im Gruppenraum.',
	email: 'sprachcafe@example.org',
	phone: '02272 123 45',
	showContact: 'on',
	...over
});

function groupInput(over: Record<string, string> = {}): GroupInput {
	const parsed = parse<GroupInput>(groupSchema, goodGroup(over));
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.data;
}

describe('groups', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let roomsStaff: Actor;
	let resident: Actor & { id: number };
	let imageDir: string;

	beforeAll(async () => {
		imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-event-images-'));
		useImagesDir(imageDir);
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
		roomsStaff = await createActor(db, { email: 'raeume@example.org', roles: ['rooms'] });
		resident = await createActor(db, { email: 'ayse@example.org', displayName: 'Ayşe' });
	});
	afterAll(async () => {
		useImagesDir(null);
		fs.rmSync(imageDir, { recursive: true, force: true });
		await database?.close();
	});

	const groupCount = async () => (await db.select({ n: count() }).from(groups))[0].n;
	const auditOf = (id: number) =>
		db
			.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'group'), eq(auditLog.entityId, String(id))))
			.orderBy(asc(auditLog.id));

	describe('the form', () => {
		it.each([
			['no name', { name: '' }, 'name', /Bitte füllen Sie das Feld „Name der Gruppe“ aus/],
			['a name of 101 characters', { name: 'x'.repeat(101) }, 'name', /höchstens 100 Zeichen/],
			[
				'a description of 501 characters',
				{ description: 'x'.repeat(501) },
				'description',
				/höchstens 500 Zeichen/
			],
			['a broken e-mail', { email: 'sprachcafe@' }, 'email', /E-Mail-Adresse/],
			['letters as phone', { phone: 'ruf an' }, 'phone', /Telefon/],
			['a 1 MB description', { description: 'x'.repeat(1_000_000) }, 'description', /500/]
		])('refuses %s with a German message at the field', (_, over, field, message) => {
			const parsed = parse(groupSchema, goodGroup(over));
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.errors[field], JSON.stringify(parsed.errors)).toMatch(message);
		});

		it('takes e-mail, phone and the contact flag as optional', () => {
			const parsed = parse<GroupInput>(groupSchema, { name: 'Nur ein Name' });
			expect(parsed).toMatchObject({
				ok: true,
				data: { name: 'Nur ein Name', description: '', email: '', phone: '', showContact: false }
			});
		});
	});

	describe('create, edit, delete', () => {
		it('creates a group with a slug from its name, numbered when taken, and audits it', async () => {
			const first = await createGroup(db, { actor: content, input: groupInput() });
			expect(first.slug).toBe('sprachcafe-kaster');
			const second = await createGroup(db, { actor: content, input: groupInput() });
			expect(second.slug).toBe('sprachcafe-kaster-2');
			const odd = await createGroup(db, {
				actor: content,
				input: groupInput({ name: '<script>alert(1)</script>' })
			});
			// Stored as text (pages escape it); the slug keeps only letters and digits.
			expect(odd.slug).toBe('script-alert-1-script');
			const [row] = await db.select().from(groups).where(eq(groups.id, first.id));
			expect(row).toMatchObject({
				name: 'Sprachcafé Kaster',
				email: 'sprachcafe@example.org',
				phone: '02272 123 45',
				showContact: true,
				isExample: false
			});
			expect((await auditOf(first.id)).map((a) => a.action)).toEqual(['group.created']);
		});

		it('keeps the slug when the group is renamed; the public page shows contact only when agreed', async () => {
			const { id, slug } = await createGroup(db, {
				actor: content,
				input: groupInput({ name: 'Elterninitiative' })
			});
			await updateGroup(db, {
				actor: content,
				id,
				input: groupInput({ name: 'Elterninitiative Kaster-Süd', showContact: '' })
			});
			const [row] = await db.select().from(groups).where(eq(groups.id, id));
			expect(row).toMatchObject({ slug, name: 'Elterninitiative Kaster-Süd', showContact: false });
			const page = await getGroupBySlug(db, slug);
			expect(page.group).toMatchObject({
				name: 'Elterninitiative Kaster-Süd',
				email: '',
				phone: ''
			});
			const history = await auditOf(id);
			expect(history.at(-1)).toMatchObject({
				action: 'group.updated',
				before: { name: 'Elterninitiative', showContact: true },
				after: { name: 'Elterninitiative Kaster-Süd', showContact: false }
			});
		});

		it('lists groups by name with their counts, a page at a time', async () => {
			const list = await findGroupsForAdmin(db, { actor: content, page: 1, pageSize: 3 });
			expect(list.rows).toHaveLength(3);
			expect(list.total).toBe(await groupCount());
			expect(list.pages).toBe(Math.ceil(list.total / 3));
			const names = list.rows.map((r) => r.name.toLowerCase());
			expect(names).toEqual([...names].sort());
			const all = await findGroupsForAdmin(db, { actor: content, page: 1 });
			for (const row of all.rows) {
				const [{ n }] = await db
					.select({ n: count() })
					.from(events)
					.where(eq(events.groupId, row.id));
				const [{ e }] = await db
					.select({ e: count() })
					.from(groupEditors)
					.where(eq(groupEditors.groupId, row.id));
				expect([row.name, row.events, row.editors]).toEqual([row.name, n, e]);
			}
			expect(all.rows.some((r) => r.isExample && r.events > 0)).toBe(true);
			expect(all.rows.some((r) => r.events === 0)).toBe(true);
		});

		it('refuses to delete a group that still organises events, and deletes one that does not', async () => {
			const [example] = await db.select().from(groups).where(eq(groups.isExample, true)).limit(1);
			const [{ n }] = await db
				.select({ n: count() })
				.from(events)
				.where(eq(events.groupId, example.id));
			expect(n).toBeGreaterThan(0);
			const refused = await failure(deleteGroup(db, { actor: content, id: example.id }));
			expect(refused.code).toBe('CONFLICT');
			expect(refused.details.message?.()).toMatch(
				new RegExp(`bei ${n} Veranstaltung\\(en\\) als Veranstalterin`)
			);
			expect(await db.select().from(groups).where(eq(groups.id, example.id))).toHaveLength(1);

			const { id } = await createGroup(db, {
				actor: content,
				input: groupInput({ name: 'Lauftreff' })
			});
			await addGroupEditor(db, { actor: content, groupId: id, email: 'ayse@example.org' });
			await deleteGroup(db, { actor: content, id });
			expect(await db.select().from(groups).where(eq(groups.id, id))).toEqual([]);
			// Its editors go with it; the account stays.
			expect(await db.select().from(groupEditors).where(eq(groupEditors.groupId, id))).toEqual([]);
			expect(await db.select().from(users).where(eq(users.id, resident.id))).toHaveLength(1);
			expect((await auditOf(id)).map((a) => a.action)).toContain('group.deleted');
			expect((await failure(deleteGroup(db, { actor: content, id }))).code).toBe('NOT_FOUND');
		});

		it('refuses every change to anyone without the content role, writing nothing', async () => {
			const [group] = await db.select().from(groups).limit(1);
			const before = await groupCount();
			const [{ n: audits }] = await db.select({ n: count() }).from(auditLog);
			for (const actor of [ANONYMOUS, resident, roomsStaff]) {
				const code = actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
				const attempts = [
					createGroup(db, { actor, input: groupInput({ name: 'Fremd' }) }),
					updateGroup(db, { actor, id: group.id, input: groupInput({ name: 'Fremd' }) }),
					deleteGroup(db, { actor, id: group.id }),
					addGroupEditor(db, { actor, groupId: group.id, email: 'ayse@example.org' }),
					removeGroupEditor(db, { actor, groupId: group.id, userId: resident.id }),
					findGroupsForAdmin(db, { actor, page: 1 }),
					getGroupForAdmin(db, { actor, id: group.id })
				];
				for (const attempt of attempts) expect((await failure(attempt)).code).toBe(code);
			}
			expect(await groupCount()).toBe(before);
			expect(await db.select({ n: count() }).from(auditLog)).toEqual([{ n: audits }]);
			const [after] = await db.select().from(groups).where(eq(groups.id, group.id));
			expect(after.name).toBe(group.name);
		});
	});

	describe('editors', () => {
		it('adds an account by its e-mail in any case, lists it, and removes it again', async () => {
			const { id, slug } = await createGroup(db, {
				actor: content,
				input: groupInput({ name: 'Seniorentreff Nord' })
			});
			await addGroupEditor(db, { actor: content, groupId: id, email: ' AYSE@example.org ' });
			expect(await isGroupEditor(db, id, resident.id)).toBe(true);
			expect(await findGroupEditors(db, id)).toEqual([
				{ userId: resident.id, email: 'ayse@example.org', displayName: 'Ayşe' }
			]);
			expect(await findGroupsEditedBy(db, resident.id)).toContainEqual({
				id,
				slug,
				name: 'Seniorentreff Nord'
			});

			const again = await failure(
				addGroupEditor(db, { actor: content, groupId: id, email: 'ayse@example.org' })
			);
			expect(again.code).toBe('CONFLICT');
			expect(again.fieldErrors?.email).toMatch(/bearbeitet diese Gruppe schon/);

			await removeGroupEditor(db, { actor: content, groupId: id, userId: resident.id });
			expect(await isGroupEditor(db, id, resident.id)).toBe(false);
			expect(await findGroupsEditedBy(db, resident.id)).not.toContainEqual(
				expect.objectContaining({ id })
			);
			expect(
				(await failure(removeGroupEditor(db, { actor: content, groupId: id, userId: resident.id })))
					.code
			).toBe('NOT_FOUND');
			const history = await auditOf(id);
			expect(history.map((h) => [h.action, h.before, h.after])).toEqual([
				['group.created', null, expect.anything()],
				['group.editor-added', { editor: null }, { editor: 'ayse@example.org' }],
				['group.editor-removed', { editor: 'ayse@example.org' }, { editor: null }]
			]);
		});

		it('answers an e-mail without an account with a clear message at the field', async () => {
			const [group] = await db.select().from(groups).limit(1);
			const refused = await failure(
				addGroupEditor(db, { actor: content, groupId: group.id, email: 'niemand@example.org' })
			);
			expect(refused.code).toBe('INVALID');
			expect(refused.fieldErrors?.email).toBe(
				'Zu „niemand@example.org“ gibt es kein Konto. Die Person muss sich zuerst selbst registrieren.'
			);
			expect(
				await db.select().from(groupEditors).where(eq(groupEditors.groupId, group.id))
			).toEqual([]);
			const unknownGroup = await failure(
				addGroupEditor(db, { actor: content, groupId: 999999, email: 'ayse@example.org' })
			);
			expect(unknownGroup.code).toBe('NOT_FOUND');
		});

		it('drops the editor row when the account is deleted', async () => {
			const user = await createUser(db, { email: 'weg@example.org' });
			const [group] = await db.select().from(groups).limit(1);
			await addGroupEditor(db, { actor: content, groupId: group.id, email: 'weg@example.org' });
			await db.delete(users).where(eq(users.id, user.id));
			expect(await findGroupEditors(db, group.id)).toEqual([]);
		});
	});

	describe('event image', () => {
		const jpeg = async (width = 900, height = 600, background = '#2a7') =>
			new File(
				[
					new Uint8Array(
						await sharp({ create: { width, height, channels: 3, background } })
							.jpeg()
							.toBuffer()
					)
				],
				'fest.jpg',
				{ type: 'image/jpeg' }
			);
		const alt = 'Nachbarinnen an einer langen Kaffeetafel im Hof';
		let eventId: number;
		let eventSlug: string;
		const imageInput = async (over: Record<string, string | Blob> = {}) => {
			const parsed = parse<EventImageInput>(eventImageSchema, {
				image: await jpeg(),
				altText: alt,
				...over
			});
			if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
			return parsed.data;
		};
		const files = () => fs.readdirSync(imageDir);
		const nothingStored = async () => {
			expect(await db.select().from(eventImages)).toEqual([]);
			expect(await db.select().from(images)).toEqual([]);
			expect(files()).toEqual([]);
		};

		beforeAll(async () => {
			const [event] = await db
				.select({ id: events.id, slug: events.slug })
				.from(events)
				.where(eq(events.moderation, 'published'))
				.limit(1);
			eventId = event.id;
			eventSlug = event.slug;
		});

		it.each([
			[
				'no alt text',
				{ altText: '  ' },
				'altText',
				/Bitte füllen Sie das Feld „Was zeigt das Bild/
			],
			['no file', { image: new File([], '') }, 'image', /Bitte wählen Sie eine Bilddatei aus/],
			[
				'a text instead of a file',
				{ image: 'fest.jpg' },
				'image',
				/Bitte wählen Sie eine Bilddatei/
			]
		])('the form refuses %s', async (_, over, field, message) => {
			const parsed = parse(eventImageSchema, { image: await jpeg(), altText: alt, ...over });
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.errors[field], JSON.stringify(parsed.errors)).toMatch(message);
		});

		it.each([
			[
				'a PDF renamed .jpg',
				new File(['%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'], 'plakat.jpg', {
					type: 'image/jpeg'
				}),
				/nicht als Bild verwenden/
			],
			[
				'a file over the limit',
				new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'gross.jpg', { type: 'image/jpeg' }),
				/höchstens 10\sMB/
			],
			[
				'an SVG with a script',
				new File(
					['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
					'x.svg',
					{
						type: 'image/svg+xml'
					}
				),
				/JPEG, PNG, WebP oder AVIF/
			]
		])('refuses %s with a German message, storing nothing', async (_, file, message) => {
			const refused = await failure(
				setEventImage(db, { actor: content, eventId, input: { image: file, altText: alt } })
			);
			expect(refused.code).toBe('INVALID');
			expect(refused.fieldErrors?.image).toMatch(message);
			await nothingStored();
		});

		it('is for content staff only, and for an event that exists', async () => {
			for (const actor of [ANONYMOUS, resident, roomsStaff]) {
				await failure(setEventImage(db, { actor, eventId, input: await imageInput() }));
				await failure(removeEventImage(db, { actor, eventId }));
			}
			expect(
				(
					await failure(
						setEventImage(db, { actor: content, eventId: 999999, input: await imageInput() })
					)
				).code
			).toBe('NOT_FOUND');
			// The files of an upload refused in its transaction stay behind unused (harmless).
			expect(await db.select().from(images)).toEqual([]);
			expect((await failure(removeEventImage(db, { actor: content, eventId }))).code).toBe(
				'NOT_FOUND'
			);
			for (const name of files()) fs.rmSync(path.join(imageDir, name));
		});

		it('stores an image, shows it on the page and in the JSON-LD, replaces it releasing the old files, and removes it', async () => {
			const [before] = await db.select().from(events).where(eq(events.id, eventId));
			await setEventImage(db, { actor: content, eventId, input: await imageInput() });
			const [first] = await db.select().from(images);
			// Not part of the calendar entry: the feeds' Last-Modified and SEQUENCE stay.
			const [after] = await db.select().from(events).where(eq(events.id, eventId));
			expect([after.updatedAt, after.sequence]).toEqual([before.updatedAt, before.sequence]);
			expect(await db.select().from(eventImages)).toEqual([
				{ eventId, imageId: first.id, altText: alt }
			]);
			expect(files().filter((f) => f.startsWith(first.key))).toHaveLength(3);

			const view = await findEventImage(db, eventId);
			expect(view).toMatchObject({
				altText: alt,
				image: { src: `/medien/bilder/${first.key}-900.jpg`, width: 900, height: 600 }
			});
			const detail = await getEventBySlug(db, eventSlug);
			const ld = JSON.parse(
				eventJsonLd(detail, {
					url: `https://kaster.example.org/veranstaltungen/${eventSlug}`,
					officeName: 'Quartiersbüro',
					image: `https://kaster.example.org${view!.image.src}`
				})
			);
			expect(ld.image).toBe(`https://kaster.example.org/medien/bilder/${first.key}-900.jpg`);

			// Replacing: one row, the new image; the old image's row and files are gone.
			await setEventImage(db, {
				actor: content,
				eventId,
				input: await imageInput({ image: await jpeg(400, 300, '#c33'), altText: 'Das Plakat' })
			});
			const stored = await db.select().from(images);
			expect(stored).toHaveLength(1);
			const [second] = stored;
			expect(second.key).not.toBe(first.key);
			expect(await db.select().from(eventImages)).toEqual([
				{ eventId, imageId: second.id, altText: 'Das Plakat' }
			]);
			expect(files().some((f) => f.startsWith(first.key))).toBe(false);
			expect(files().filter((f) => f.startsWith(second.key))).toHaveLength(2);

			await removeEventImage(db, { actor: content, eventId });
			await nothingStored();
			expect(await findEventImage(db, eventId)).toBeNull();

			const history = await db
				.select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
				.from(auditLog)
				.where(and(eq(auditLog.entity, 'event'), eq(auditLog.entityId, String(eventId))))
				.orderBy(asc(auditLog.id));
			const changes = history.filter((h) => h.action === 'event.updated');
			expect(changes.map((h) => [h.action, h.before, h.after])).toEqual([
				['event.updated', { image: null }, { image: alt }],
				['event.updated', { image: alt }, { image: 'Das Plakat' }],
				['event.updated', { image: 'Das Plakat' }, { image: null }]
			]);
		});

		it('keeps shared files while another upload of the same picture uses them', async () => {
			const [other] = await db
				.select({ id: events.id })
				.from(events)
				.where(eq(events.moderation, 'published'))
				.limit(2)
				.offset(1);
			const same = await jpeg(300, 200, '#123');
			await setEventImage(db, {
				actor: content,
				eventId,
				input: await imageInput({ image: same })
			});
			await setEventImage(db, {
				actor: content,
				eventId: other.id,
				input: await imageInput({ image: same })
			});
			const [{ key }] = await db.select().from(images).limit(1);
			await removeEventImage(db, { actor: content, eventId });
			expect(files().filter((f) => f.startsWith(key))).toHaveLength(2);
			await removeEventImage(db, { actor: content, eventId: other.id });
			await nothingStored();
		});

		it('goes with the example events when they are removed', async () => {
			await setEventImage(db, { actor: content, eventId, input: await imageInput() });
			expect(files()).not.toEqual([]);
			await removeExampleEvents(db, { actor: content });
			await nothingStored();
		});
	});
});
