import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Actor } from '../auth/actor';
import type { Database, Db } from '../db/client';
import { images } from '../db/schema';
import { DomainError } from '../errors';
import { deleteImage, releaseImageFiles } from './delete-image';
import { findImageFile, imageFileNames, useImagesDir } from './image-files';
import { imageView } from './image-view';
import { MAX_PIXELS, processImage, type ProcessedImage } from './process-image';
import { storeImage } from './store-image';

/*
 * The image pipeline with real sharp on images made here: what comes out is upright, resized,
 * without any metadata; what is not a photo, too large or a decompression bomb is refused with a
 * German message and leaves nothing behind; files follow their rows, never the other way round.
 */

const XMP =
	'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
	'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq>' +
	'<rdf:li>Geheimer Fotograf</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';

/** A phone photo: top half red, bottom half blue, stored sideways (EXIF orientation 6), with GPS. */
async function phonePhoto(width = 1600, height = 800): Promise<Buffer> {
	const red = await sharp({
		create: { width, height: height / 2, channels: 3, background: '#f00' }
	})
		.png()
		.toBuffer();
	return sharp({ create: { width, height, channels: 3, background: '#00f' } })
		.composite([{ input: red, top: 0, left: 0 }])
		.jpeg()
		.withExif({
			IFD0: { Make: 'TestCam', Copyright: 'Geheimer Fotograf' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 26/1 0/1', GPSLongitudeRef: 'E' }
		})
		.withMetadata({ orientation: 6 })
		.withXmp(XMP)
		.toBuffer();
}

const file = (data: Buffer | string, name = 'foto.jpg', type = 'image/jpeg') =>
	new File([typeof data === 'string' ? data : new Uint8Array(data)], name, { type });

/** A PNG header that claims 20000 × 20000 pixels, followed by almost nothing. */
function bombPng(): Buffer {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(body.length + 8);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), body.length + 4);
		return out;
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(20000, 0);
	ihdr.writeUInt32BE(20000, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01])),
		chunk('IEND', Buffer.alloc(0))
	]);
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
	try {
		await work;
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		return { code: err.code, message: err.fieldErrors?.file ?? '' };
	}
	throw new Error('expected a refusal');
}

describe('the image pipeline', () => {
	let database: Database;
	let db: Db;
	let staff: Actor;
	let dir: string;
	const filesInDir = () => fs.readdirSync(dir).sort();
	const store = (image: ProcessedImage, actor?: Actor) =>
		db.transaction((tx) => storeImage(tx, { actor, image }));

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		staff = await createActor(db, { email: 'medien@example.org', roles: ['rooms'] });
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quartier-media-'));
		useImagesDir(dir);
	});
	afterAll(async () => {
		useImagesDir(null);
		fs.rmSync(dir, { recursive: true, force: true });
		await database?.close();
	});
	beforeEach(async () => {
		await db.delete(images);
		for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name));
	});

	it('turns a phone photo upright, resizes it and strips EXIF, GPS and XMP', async () => {
		const input = await phonePhoto();
		const before = await sharp(input).metadata();
		// The test photo really carries what must go: GPS IFD (tag 0x8825), camera, XMP, rotation.
		expect(before.orientation).toBe(6);
		expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
		expect(before.exif?.includes('TestCam')).toBe(true);
		expect(before.xmp?.includes('Geheimer Fotograf')).toBe(true);

		const image = await processImage(file(input, 'IMG_0001.JPG'));
		const stored = await store(image, staff);
		// 1600 × 800 sideways is 800 × 1600 upright.
		expect(stored).toMatchObject({ width: 800, height: 1600, mime: 'image/webp' });
		expect(stored.createdBy).toBe((staff as { id: number }).id);
		expect(stored.key).toMatch(/^[0-9a-f]{32}$/);
		expect(filesInDir()).toEqual(
			[`${stored.key}-480.webp`, `${stored.key}-800.webp`, `${stored.key}-800.jpg`].sort()
		);
		for (const name of filesInDir()) {
			const bytes = fs.readFileSync(path.join(dir, name));
			const meta = await sharp(bytes).metadata();
			expect(meta.format, name).toBe(name.endsWith('.jpg') ? 'jpeg' : 'webp');
			expect({ exif: meta.exif, xmp: meta.xmp, icc: meta.icc, iptc: meta.iptc }, name).toEqual({
				exif: undefined,
				xmp: undefined,
				icc: undefined,
				iptc: undefined
			});
			expect(meta.orientation, name).toBeUndefined();
			for (const secret of ['TestCam', 'Geheimer Fotograf', 'GPS']) {
				expect(bytes.includes(secret), `${name} contains ${secret}`).toBe(false);
			}
		}
		// Upright: what was the top (red) is now on the right, the bottom (blue) on the left.
		const { data, info } = await sharp(path.join(dir, `${stored.key}-480.webp`))
			.raw()
			.toBuffer({ resolveWithObject: true });
		expect([info.width, info.height]).toEqual([480, 960]);
		const pixel = (x: number, y: number) =>
			Array.from(data.subarray((y * info.width + x) * info.channels).subarray(0, 3));
		expect(pixel(400, 480)[0]).toBeGreaterThan(200);
		expect(pixel(400, 480)[2]).toBeLessThan(60);
		expect(pixel(80, 480)[2]).toBeGreaterThan(200);
		expect(pixel(80, 480)[0]).toBeLessThan(60);

		expect(imageView(stored)).toEqual({
			src: `/medien/bilder/${stored.key}-800.jpg`,
			webpSrcset: `/medien/bilder/${stored.key}-480.webp 480w, /medien/bilder/${stored.key}-800.webp 800w`,
			width: 800,
			height: 1600
		});
		expect(await findImageFile(`${stored.key}-800.jpg`)).toMatchObject({ type: 'image/jpeg' });
	});

	it('never enlarges and keeps no more than 1200 px', async () => {
		const small = await sharp({
			create: { width: 300, height: 200, channels: 4, background: '#0a0a0a80' }
		})
			.png()
			.toBuffer();
		const a = await processImage(file(small, 'logo.png', 'image/png'));
		expect([a.width, a.height]).toEqual([300, 200]);
		expect(a.files.map((f) => f.name)).toEqual([`${a.key}-300.webp`, `${a.key}-300.jpg`]);
		const wide = await sharp({
			create: { width: 3000, height: 1000, channels: 3, background: '#39c' }
		})
			.webp()
			.toBuffer();
		const b = await processImage(file(wide, 'x.webp', 'image/webp'));
		expect([b.width, b.height]).toEqual([1200, 400]);
		expect(b.files.map((f) => f.name)).toEqual([
			`${b.key}-480.webp`,
			`${b.key}-1200.webp`,
			`${b.key}-1200.jpg`
		]);
	});

	it('takes AVIF, which sharp decodes here', async () => {
		const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c93' } })
			.avif()
			.toBuffer();
		const image = await processImage(file(avif, 'bild.avif', 'image/avif'));
		expect([image.width, image.height]).toEqual([64, 48]);
	});

	it.each([
		['text named .jpg', () => file('Das ist kein Bild.', 'foto.jpg'), /nicht als Bild verwenden/],
		[
			'a PDF named .png',
			() => file('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF', 'raum.png', 'image/png'),
			/JPEG, PNG, WebP oder AVIF/
		],
		[
			'an SVG with a script',
			() =>
				file(
					'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>',
					'raum.jpg'
				),
			/nicht als Bild verwenden/
		],
		['an empty file', () => file(Buffer.alloc(0)), /Bitte wählen Sie eine Bilddatei aus/],
		['no file but text', () => 'foto.jpg' as unknown as File, /Bitte wählen Sie eine Bilddatei/],
		[
			'a file over IMAGE_MAX_BYTES',
			() => file(Buffer.alloc(10 * 1024 * 1024 + 1)),
			/zu groß: Erlaubt sind höchstens 10\sMB/
		],
		['a 20000 × 20000 PNG (bomb)', () => file(bombPng(), 'b.png'), /20000 × 20000.*40 Megapixel/],
		['a cut-off JPEG', async () => file((await phonePhoto()).subarray(0, 3000)), /nicht als Bild/]
	])('refuses %s with a German message, storing nothing', async (_, make, message) => {
		const refused = await refusal(processImage(await make()));
		expect(refused.code).toBe('INVALID');
		expect(refused.message).toMatch(message);
		expect(filesInDir()).toEqual([]);
		expect(await db.select().from(images)).toEqual([]);
	});

	it('refuses a GIF (also animated) and keeps the limit of pixels below the bomb', async () => {
		const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
			.gif()
			.toBuffer();
		expect((await refusal(processImage(file(gif, 'a.jpg')))).message).toMatch(/JPEG, PNG/);
		expect(MAX_PIXELS).toBeLessThan(20000 * 20000);
	});

	it('leaves no row after a failed transaction, only unused files', async () => {
		const image = await processImage(file(await phonePhoto(400, 200)));
		await expect(
			db.transaction(async (tx) => {
				await storeImage(tx, { actor: staff, image });
				throw new Error('something later in the transaction failed');
			})
		).rejects.toThrow('something later');
		expect(await db.select().from(images)).toEqual([]);
		// Orphans are harmless; what matters is that no row points to a missing file.
		expect(filesInDir()).toEqual(image.files.map((f) => f.name).sort());
	});

	it('removes the files after the delete commits, and not after a rollback', async () => {
		const image = await processImage(file(await phonePhoto(400, 200)));
		const stored = await store(image);
		expect(stored.createdBy).toBeNull();
		await expect(
			db.transaction(async (tx) => {
				await deleteImage(tx, stored.id);
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		expect(filesInDir()).toEqual(imageFileNames(stored).sort());
		const removed = await db.transaction((tx) => deleteImage(tx, stored.id));
		await releaseImageFiles(db, removed);
		expect(filesInDir()).toEqual([]);
		expect(await db.select().from(images)).toEqual([]);
	});

	it('shares the files of two uploads of one picture until the last is deleted', async () => {
		const bytes = await phonePhoto(400, 200);
		const first = await store(await processImage(file(bytes)));
		const second = await store(await processImage(file(bytes, 'kopie.jpg')));
		expect(second.key).toBe(first.key);
		expect(second.id).not.toBe(first.id);
		await releaseImageFiles(db, await db.transaction((tx) => deleteImage(tx, first.id)));
		expect(filesInDir()).toEqual(imageFileNames(second).sort());
		const [row] = await db.select().from(images).where(eq(images.id, second.id));
		expect(row.key).toBe(second.key);
		await releaseImageFiles(db, await db.transaction((tx) => deleteImage(tx, second.id)));
		expect(filesInDir()).toEqual([]);
	});

	it('answers an unknown image with NOT_FOUND', async () => {
		await expect(db.transaction((tx) => deleteImage(tx, 999_999))).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	});
});
