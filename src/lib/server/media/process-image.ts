import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { fieldError } from '../errors';
import { jpegName, MAX_WIDTH, variantWidths, webpName } from './image-files';

/**
 * The one image pipeline: decode with sharp (the bytes decide the format, never the file name or
 * Content-Type), refuse what is not a photo or too large to decode, turn it upright by its EXIF
 * orientation, and write fresh files in sRGB without any metadata (EXIF with GPS position and
 * camera, XMP, IPTC, ICC profiles): sharp's output keeps none unless asked to.
 *
 * CPU work and no database: callers run it before they open their transaction, because on the
 * embedded database an open transaction holds up every other request.
 */

/** Larger images are refused before decoding (a tiny PNG can claim 20000 × 20000 pixels). */
export const MAX_PIXELS = 40_000_000;

// No pixel cache between requests (memory stays flat); one image at a time per request.
sharp.cache(false);

const DECODE = { limitInputPixels: MAX_PIXELS, failOn: 'error', autoOrient: true } as const;

/** Formats we accept, as sharp names its decoders. AVIF is `heif` with AV1 compression. */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif']);

export interface ProcessedImage {
	key: string;
	/** Of the largest variant (at most MAX_WIDTH), upright. */
	width: number;
	height: number;
	/** Size of the largest WebP variant. */
	bytes: number;
	mime: 'image/webp';
	files: { name: string; data: Buffer }[];
}

export interface ProcessOptions {
	/** The form field the messages belong to. */
	field?: string;
	maxBytes?: number;
}

export async function processImage(
	file: Blob,
	{ field = 'file', maxBytes = config().IMAGE_MAX_BYTES }: ProcessOptions = {}
): Promise<ProcessedImage> {
	if (!(file instanceof Blob) || file.size === 0) throw fieldError(field, m.media_error_empty);
	if (file.size > maxBytes) {
		throw fieldError(field, () => m.media_error_too_large({ max: megabytes(maxBytes) }));
	}
	const input = Buffer.from(await file.arrayBuffer());
	const size = await uprightSize(input, field);

	const width = Math.min(size.width, MAX_WIDTH);
	let webp: { data: Buffer; info: OutputInfo }[];
	let jpeg: Buffer;
	try {
		// One variant after the other: two cores serve the whole site.
		webp = [];
		for (const w of variantWidths(width)) {
			webp.push(
				await sharp(input, DECODE)
					.resize({ width: w, withoutEnlargement: true })
					.webp({ quality: 78, effort: 4 })
					.toBuffer({ resolveWithObject: true })
			);
		}
		// For browsers without WebP (iOS before 14, old Android browsers): one JPEG at full width.
		// Transparent parts become white instead of black.
		jpeg = await sharp(input, DECODE)
			.resize({ width, withoutEnlargement: true })
			.flatten({ background: '#ffffff' })
			.jpeg({ quality: 78, mozjpeg: true })
			.toBuffer();
	} catch {
		// The header was fine but the pixels are not (a truncated or corrupt file).
		throw fieldError(field, m.media_error_unsupported);
	}

	const largest = webp[webp.length - 1];
	const hash = createHash('sha256');
	for (const { data } of webp) hash.update(data);
	hash.update(jpeg);
	const key = hash.digest('hex').slice(0, 32);
	return {
		key,
		width: largest.info.width,
		height: largest.info.height,
		bytes: largest.info.size,
		mime: 'image/webp',
		files: [
			...webp.map(({ data, info }) => ({ name: webpName(key, info.width), data })),
			{ name: jpegName(key, width), data: jpeg }
		]
	};
}

/** The image's size as it is meant to be seen; INVALID when it is not an image we take. */
async function uprightSize(
	input: Buffer,
	field: string
): Promise<{ width: number; height: number }> {
	let meta: Metadata;
	try {
		// The header only, no pixels: read it without the limit to say what is wrong.
		meta = await sharp(input, { ...DECODE, limitInputPixels: false }).metadata();
	} catch {
		throw fieldError(field, m.media_error_unsupported);
	}
	if (meta.format === 'heif' && meta.compression !== 'av1') {
		throw fieldError(field, m.media_error_heic);
	}
	if (!ACCEPTED.has(meta.format)) throw fieldError(field, m.media_error_unsupported);
	const { width, height } = meta.autoOrient ?? meta;
	if (!width || !height) throw fieldError(field, m.media_error_unsupported);
	if (width * height > MAX_PIXELS) {
		throw fieldError(field, () =>
			m.media_error_too_many_pixels({ width, height, megapixels: MAX_PIXELS / 1_000_000 })
		);
	}
	return { width, height };
}

export const megabytes = (bytes: number) =>
	Number((bytes / (1024 * 1024)).toFixed(1)).toLocaleString('de-DE');
