import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq, sql } from 'drizzle-orm';
import { call, eventFor, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { clearConcerns } from '$tests/helpers/concerns';
import { createActor } from '$tests/helpers/users';
import { ANONYMOUS, type Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	concernCategories,
	concernCounters,
	concernPhotos,
	concerns,
	images
} from '../db/schema';
import { DomainError } from '../errors';
import { parseFormData } from '../form';
import { useImagesDir } from '../media/image-files';
import { bodyLimitFor, UPLOAD_OVERHEAD } from '../ops/body-limit';
import { allowImagesFrom, DEFAULT_CSP } from '../ops/security-headers';
import { resetRateLimits } from '../security/rate-limit';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { config } from '../config';
import { checkPosition, districtBox, mapSettings, tileOrigin } from './concern-location';
import {
	concernMediaUrl,
	concernMediaUrls,
	findConcernPhotos,
	findPublicConcernPhotos,
	findShownConcernPhotos,
	removeConcernPhotos
} from './concern-photos';
import { releaseImageFiles } from '../media/delete-image';
import { deleteConcernPhoto } from './delete-concern-photo';
import { findPublicConcernPins } from './find-public-concern-pins';
import { setConcernPhotoHidden } from './set-concern-photo-hidden';
import {
	concernSubmissionWithMediaSchema,
	submitConcernWithMedia,
	type ConcernSubmissionWithMediaInput
} from './submit-concern-with-media';
import { actions, load } from '../../../routes/(public)/anliegen/neu/+page.server';

/*
 * Photos and the map pin of concerns (area: media), on a real database and real sharp: what is
 * not a photo, too big or too many is refused at the field with nothing left behind (no row, no
 * file, no number used up); what is stored has lost its EXIF/GPS; photos of a private concern
 * never reach a public read; the pin is checked against the district on the server.
 */

const ORIGIN = 'https://quartier.example';
const KASTER = { latitude: 51.0171, longitude: 6.5525 };

/** A phone photo with GPS and camera in its EXIF. */
async function phonePhoto(color = '#c33'): Promise<Buffer> {
	return sharp({ create: { width: 800, height: 600, channels: 3, background: color } })
		.jpeg()
		.withExif({
			IFD0: { Make: 'TestCam', Copyright: 'Nachbarin' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 1/1 0/1', GPSLongitudeRef: 'E' }
		})
		.toBuffer();
}
const file = (data: Buffer | string, name = 'foto.jpg', type = 'image/jpeg') =>
	new File([typeof data === 'string' ? data : new Uint8Array(data)], name, { type });

describe('concern photos and the map pin', () => {
	let database: Database;
	let db: Db;
	let dir: string;
	let categoryId: number;
	let staff: Actor & { id: number };
	let ip = 0;
	const filesInDir = () => fs.readdirSync(dir).sort();

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const [category] = await db.select().from(concernCategories).limit(1);
		categoryId = category.id;
		staff = await createActor(db, { email: 'anliegen@kaster.example', roles: ['concerns'] });
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-concern-photos-'));
		useImagesDir(dir);
	});
	afterAll(async () => {
		useImagesDir(null);
		resetClock();
		fs.rmSync(dir, { recursive: true, force: true });
		await database?.close();
	});
	beforeEach(async () => {
		setClock(new Date('2026-11-02T09:00:00Z'));
		resetRateLimits();
		await db.delete(concernPhotos);
		await db.delete(images);
		await clearConcerns(db);
		for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name));
	});

	const input = (
		over: Partial<ConcernSubmissionWithMediaInput> = {}
	): ConcernSubmissionWithMediaInput => ({
		category: categoryId,
		description: 'Am Spielplatz liegt seit Tagen Sperrmüll.',
		address: 'Am Bach 2',
		visibility: 'public',
		name: '',
		email: 'erika@example.org',
		phone: '',
		consentForward: false,
		photos: [],
		latitude: null,
		longitude: null,
		...over
	});
	const submit = (over: Partial<ConcernSubmissionWithMediaInput> = {}, actor: Actor = ANONYMOUS) =>
		submitConcernWithMedia(db, { actor, input: input(over), origin: ORIGIN });

	async function refusal(work: Promise<unknown>): Promise<Record<string, string>> {
		try {
			await work;
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			expect(err.code).toBe('INVALID');
			return err.fieldErrors ?? {};
		}
		throw new Error('expected a refusal');
	}
	async function nothingStored() {
		const [{ n }] = await db.select({ n: count() }).from(concerns);
		const [{ i }] = await db.select({ i: count() }).from(images);
		const [{ p }] = await db.select({ p: count() }).from(concernPhotos);
		expect({ concerns: n, images: i, photos: p, files: filesInDir() }).toEqual({
			concerns: 0,
			images: 0,
			photos: 0,
			files: []
		});
	}

	it('stores the photos in order with the concern and its pin, without EXIF or GPS', async () => {
		const { reference, id } = await submit({
			photos: [file(await phonePhoto('#c33'), 'a.jpg'), file(await phonePhoto('#33c'), 'b.jpg')],
			...KASTER
		});
		const [row] = await db.select().from(concerns).where(eq(concerns.id, id));
		expect({ latitude: row.latitude, longitude: row.longitude }).toEqual(KASTER);
		const photos = await findConcernPhotos(db, id);
		expect(photos.map((p) => p.hidden)).toEqual([false, false]);
		expect(await findPublicConcernPhotos(db, reference)).toHaveLength(2);
		expect(filesInDir().length).toBeGreaterThanOrEqual(4);
		for (const name of filesInDir()) {
			const bytes = fs.readFileSync(path.join(dir, name));
			const meta = await sharp(bytes).metadata();
			expect({ exif: meta.exif, xmp: meta.xmp }, name).toEqual({ exif: undefined, xmp: undefined });
			for (const secret of ['TestCam', 'Nachbarin', 'GPS']) {
				expect(bytes.includes(secret), `${name} has ${secret}`).toBe(false);
			}
		}
		expect(await concernMediaUrl(db, id, ORIGIN)).toBe(
			`${ORIGIN}${photos[0].image.src}` // the first photo's JPEG
		);
		expect(await findPublicConcernPins(db)).toEqual([
			{ reference, ...KASTER, label: expect.any(String) }
		]);
	});

	it.each([
		[
			'a PDF named .jpg',
			() => [file('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF', 'scan.jpg')],
			/„scan\.jpg“: .*JPEG, PNG, WebP oder AVIF/
		],
		[
			'a file over IMAGE_MAX_BYTES',
			() => [file(Buffer.alloc(10 * 1024 * 1024 + 1), 'riesig.jpg')],
			/„riesig\.jpg“: .*höchstens 10\sMB/
		],
		[
			'four photos',
			() => Array.from({ length: 4 }, () => file(Buffer.from('x'))),
			/höchstens 3 Fotos/
		]
	])('refuses %s at the photos field, storing nothing', async (_, make, message) => {
		const errors = await refusal(submit({ photos: make() }));
		expect(errors.photos).toMatch(message);
		await nothingStored();
		// The number was not used up either.
		expect(await db.select().from(concernCounters)).toEqual([]);
	});

	it('takes at most three photos from the form, dropping the empty file of an unused picker', () => {
		const form = (n: number, empty = false) => {
			const data = new FormData();
			for (let i = 0; i < n; i++) data.append('photos', file(Buffer.from('x'), `${i}.jpg`));
			if (empty) data.append('photos', new File([], '', { type: 'application/octet-stream' }));
			return parseFormData(data, concernSubmissionWithMediaSchema.pick({ photos: true }));
		};
		expect(form(0, true)).toMatchObject({ ok: true, data: { photos: [] } });
		expect(form(3, true)).toMatchObject({ ok: true });
		expect(form(4)).toMatchObject({
			ok: false,
			errors: { photos: 'Bitte wählen Sie höchstens 3 Fotos aus.' }
		});
	});

	it('leaves neither rows nor files when the transaction fails after the photos were stored', async () => {
		// Something later in the same transaction fails: the confirmation mail cannot be queued.
		await db.execute(
			sql`alter table outbox_mails add constraint media_test_fail check (false) not valid`
		);
		try {
			await expect(submit({ photos: [file(await phonePhoto())] })).rejects.toThrow(/outbox_mails/);
		} finally {
			await db.execute(sql`alter table outbox_mails drop constraint media_test_fail`);
		}
		await nothingStored();
	});

	it('checks the pin on the server: inside, outside, one only, not a number', async () => {
		const box = districtBox();
		expect(box.south).toBeLessThan(KASTER.latitude);
		expect(box.north).toBeGreaterThan(KASTER.latitude);
		expect(checkPosition(null, null)).toBeNull();
		expect(checkPosition(KASTER.latitude, KASTER.longitude)).toEqual(KASTER);
		const position = (lat: string, lng: string) =>
			parseFormData(
				(() => {
					const f = new FormData();
					f.append('latitude', lat);
					f.append('longitude', lng);
					return f;
				})(),
				concernSubmissionWithMediaSchema.pick({ latitude: true, longitude: true })
			);
		expect(position('', '')).toMatchObject({ ok: true, data: { latitude: null, longitude: null } });
		expect(position('51.0171', '6.5525')).toMatchObject({ ok: true, data: KASTER });
		for (const [lat, lng] of [
			['abc', '6.55'],
			['51.01', '1e3'],
			['51,01', '6.55'],
			['Infinity', '6.55']
		]) {
			expect(position(lat, lng), `${lat} ${lng}`).toMatchObject({
				ok: false,
				errors: expect.objectContaining({})
			});
		}
		// Cologne cathedral is not in Kaster; a half pin is no pin.
		for (const [latitude, longitude, message] of [
			[50.9413, 6.9583, /außerhalb des Quartiers/],
			[KASTER.latitude, null, /unvollständig/],
			[null, KASTER.longitude, /unvollständig/]
		] as const) {
			const errors = await refusal(submit({ latitude, longitude }));
			expect(errors.position).toMatch(message);
		}
		await nothingStored();
	});

	it('never shows photos of a private concern publicly; hidden photos only to staff; deletes for good', async () => {
		const privateOne = await submit({
			visibility: 'private',
			photos: [file(await phonePhoto('#3c3'))],
			...KASTER
		});
		expect(await findConcernPhotos(db, privateOne.id)).toHaveLength(1);
		expect(await findShownConcernPhotos(db, privateOne.id)).toHaveLength(1);
		expect(await findPublicConcernPhotos(db, privateOne.reference)).toEqual([]);
		expect(await concernMediaUrl(db, privateOne.id, ORIGIN)).toBeNull();
		expect(await findPublicConcernPins(db)).toEqual([]);

		const publicOne = await submit({ photos: [file(await phonePhoto('#cc3'))] });
		const [photo] = await findConcernPhotos(db, publicOne.id);
		expect([...(await concernMediaUrls(db, [privateOne.id, publicOne.id], ORIGIN)).keys()]).toEqual(
			[publicOne.id]
		);

		// A photo of another concern is not reachable through this one.
		await expect(
			setConcernPhotoHidden(db, {
				actor: staff,
				concernId: privateOne.id,
				photoId: photo.id,
				hidden: true
			})
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(
			setConcernPhotoHidden(db, {
				actor: ANONYMOUS,
				concernId: publicOne.id,
				photoId: photo.id,
				hidden: true
			})
		).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

		const hide = (hidden: boolean) =>
			setConcernPhotoHidden(db, {
				actor: staff,
				concernId: publicOne.id,
				photoId: photo.id,
				hidden
			});
		expect(await hide(true)).toEqual({ changed: true });
		expect(await hide(true)).toEqual({ changed: false });
		expect(await findPublicConcernPhotos(db, publicOne.reference)).toEqual([]);
		expect(await findShownConcernPhotos(db, publicOne.id)).toEqual([]);
		expect(await concernMediaUrl(db, publicOne.id, ORIGIN)).toBeNull();
		expect((await findConcernPhotos(db, publicOne.id))[0].hidden).toBe(true);
		expect(await hide(false)).toEqual({ changed: true });
		expect(await findPublicConcernPhotos(db, publicOne.reference)).toHaveLength(1);

		const filesBefore = filesInDir().length;
		await deleteConcernPhoto(db, { actor: staff, concernId: publicOne.id, photoId: photo.id });
		expect(await findConcernPhotos(db, publicOne.id)).toEqual([]);
		expect(filesInDir().length).toBeLessThan(filesBefore);
		expect(await db.select().from(images)).toHaveLength(1); // the private concern's
		const audit = await db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'concern'), eq(auditLog.entityId, String(publicOne.id))));
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining([
				'concern.photo-hidden',
				'concern.photo-shown',
				'concern.photo-deleted'
			])
		);

		// Deleting the private concern (a privacy request) takes its images and files along.
		const removed = await db.transaction((tx) => removeConcernPhotos(tx, privateOne.id));
		for (const image of removed) await releaseImageFiles(db, image);
		expect(await db.select().from(images)).toEqual([]);
		expect(filesInDir()).toEqual([]);
	});

	it('the form takes photos as multipart and asks to choose them again after an error', async () => {
		const page = await call(load as Handler, { db, path: '/anliegen/neu' });
		// No tile server in the tests: no map, the address field alone.
		expect(page.data?.map).toBeNull();
		expect(mapSettings()).toBeNull();
		const fields = {
			category: String(categoryId),
			description: 'Die Bank am Bach ist kaputt.',
			visibility: 'public',
			photos: file(await phonePhoto())
		};
		const sent = await call(actions.default as Handler, {
			db,
			path: '/anliegen/neu',
			fields,
			ip: `10.9.0.${++ip}`
		});
		expect(sent).toMatchObject({
			status: 303,
			location: expect.stringMatching(/^\/anliegen\/danke\?nr=KAS-/)
		});
		expect(await db.select().from(concernPhotos)).toHaveLength(1);

		const failed = await call(actions.default as Handler, {
			db,
			path: '/anliegen/neu',
			fields: { ...fields, description: 'kurz', photos: file(await phonePhoto('#39c')) },
			ip: `10.9.0.${++ip}`
		});
		expect(failed.status).toBe(400);
		expect(failed.errors?.description).toBeTruthy();
		expect(failed.errors?.photos).toMatch(/Fotos noch einmal aus/);
		// Without a photo the form does not mention photos.
		const plain = await call(actions.default as Handler, {
			db,
			path: '/anliegen/neu',
			fields: { ...fields, description: 'kurz', photos: new File([], '') },
			ip: `10.9.0.${++ip}`
		});
		expect(plain.errors?.photos).toBeUndefined();
		expect(eventFor).toBeDefined();
	});

	it('lets the concern form send three photos, answers more with a German 413, and allows tiles only when set', () => {
		const post = (p: string) => bodyLimitFor('POST', new URL(`http://x${p}`), {});
		expect(post('/anliegen/neu')).toEqual({
			bytes: 3 * config().IMAGE_MAX_BYTES + UPLOAD_OVERHEAD,
			upload: true,
			files: 3
		});
		expect(post('/anliegen/neu?/other')).toBeNull();
		expect(tileOrigin(undefined)).toBeNull();
		expect(tileOrigin('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
			'https://tile.openstreetmap.org'
		);
		expect(tileOrigin('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe(
			'https://*.tile.example.org'
		);
		expect(allowImagesFrom(DEFAULT_CSP, null)).toBe(DEFAULT_CSP);
		expect(allowImagesFrom(DEFAULT_CSP, 'https://tile.openstreetmap.org')).toContain(
			"img-src 'self' data: https://tile.openstreetmap.org;"
		);
	});
});
