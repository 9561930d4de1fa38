import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { config } from '../config';

/**
 * Where the pipeline's files live and what they are called. Every stored image has WebP files at
 * the widths below (never wider than the image) and one JPEG at its full stored width:
 * `<DATA_DIR>/medien/bilder/<key>-<width>.webp|.jpg`, the key being the hash of the files'
 * content. A name never changes its content, so the files are cached for a year.
 */

/** Widths of the WebP variants; the largest is also the largest stored width. */
export const VARIANT_WIDTHS = [480, 1200] as const;
export const MAX_WIDTH = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1];

/** The only names the route serves: no dots or slashes to walk out of the folder with. */
export const IMAGE_FILE_NAME = /^[0-9a-f]{32}-[1-9]\d{0,3}\.(webp|jpg)$/;

export const CONTENT_TYPES = { webp: 'image/webp', jpg: 'image/jpeg' } as const;

let testDir: string | null = null;

export function imagesDir(): string {
	return testDir ?? path.resolve(config().DATA_DIR, 'medien', 'bilder');
}

/** For tests: keep images in this folder (null: back to DATA_DIR), whatever config() cached. */
export function useImagesDir(dir: string | null): void {
	testDir = dir;
}

/** The WebP widths an image of this (stored) width has: the smaller variants, then itself. */
export function variantWidths(width: number): number[] {
	return [...VARIANT_WIDTHS.filter((w) => w < width), width];
}

export const webpName = (key: string, width: number) => `${key}-${width}.webp`;
export const jpegName = (key: string, width: number) => `${key}-${width}.jpg`;

/** All file names of a stored image. */
export function imageFileNames({ key, width }: { key: string; width: number }): string[] {
	return [...variantWidths(width).map((w) => webpName(key, w)), jpegName(key, width)];
}

/** Writes each file whole or not at all (a temporary name, then a rename in the same folder). */
export async function writeImageFiles(files: { name: string; data: Buffer }[]): Promise<void> {
	const dir = imagesDir();
	await fs.mkdir(dir, { recursive: true });
	for (const { name, data } of files) {
		const temporary = path.join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
		try {
			await fs.writeFile(temporary, data, { flag: 'wx' });
			await fs.rename(temporary, path.join(dir, name));
		} catch (err) {
			await fs.rm(temporary, { force: true });
			throw err;
		}
	}
}

export async function removeImageFiles(names: string[]): Promise<void> {
	const dir = imagesDir();
	await Promise.all(names.map((name) => fs.rm(path.join(dir, name), { force: true })));
}

/** A stored file for the route: its path and size, or null (unknown name, no such file). */
export async function findImageFile(
	name: string
): Promise<{ file: string; size: number; type: string } | null> {
	const match = IMAGE_FILE_NAME.exec(name);
	if (!match) return null;
	const file = path.join(imagesDir(), name);
	try {
		const stat = await fs.stat(file);
		if (!stat.isFile()) return null;
		return { file, size: stat.size, type: CONTENT_TYPES[match[1] as keyof typeof CONTENT_TYPES] };
	} catch {
		return null;
	}
}
