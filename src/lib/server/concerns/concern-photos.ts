import { isActionFailure } from '@sveltejs/kit';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import type { Db, Tx } from '../db/client';
import { CONCERN_PHOTOS_MAX, concernPhotos, concerns, images } from '../db/schema';
import type { Actor } from '../auth/actor';
import { fieldError } from '../errors';
import { describeField } from '../form-meta';
import { deleteImage, releaseImageFiles } from '../media/delete-image';
import { jpegName } from '../media/image-files';
import { imageView, type ImageView } from '../media/image-view';
import { megabytes, processImage, type ProcessedImage } from '../media/process-image';
import { config } from '../config';
import { storeImage } from '../media/store-image';

/**
 * Photos sent with a concern (area: media), through the one image pipeline (media/): the bytes
 * decide the type, the size is limited (IMAGE_MAX_BYTES each), the pictures are resized and lose
 * their EXIF/GPS. The web form and the desk intake share these pieces:
 *   photosField in the schema → processConcernPhotos before the transaction (CPU only) →
 *   storeConcernPhotos inside the transaction that stores the concern →
 *   discardPhotoFiles after a rollback (the files were written before the rows).
 */

export { CONCERN_PHOTOS_MAX };

/**
 * Zero to CONCERN_PHOTOS_MAX files from one `<input type="file" multiple>` (ConcernPhotoField).
 * A browser sends one empty file when none was chosen; those are dropped here. Sizes and types
 * are processConcernPhotos' (the pipeline decodes the bytes).
 */
export const photosField = describeField(
	z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z
			.array(z.unknown())
			.transform((all) => all.filter((f): f is File => f instanceof Blob && f.size > 0))
			.refine((files) => files.length <= CONCERN_PHOTOS_MAX, {
				error: () => m.concerns_media_error_too_many({ max: CONCERN_PHOTOS_MAX })
			})
	),
	{
		label: () => m.concerns_media_field_photos(),
		hint: () =>
			m.concerns_media_field_photos_hint({
				max: CONCERN_PHOTOS_MAX,
				mb: megabytes(config().IMAGE_MAX_BYTES)
			}),
		required: false,
		multiple: true
	}
);

/** Each photo through the pipeline, one after the other; a refusal names the photo. */
export async function processConcernPhotos(files: Blob[]): Promise<ProcessedImage[]> {
	if (files.length > CONCERN_PHOTOS_MAX) {
		throw fieldError('photos', () => m.concerns_media_error_too_many({ max: CONCERN_PHOTOS_MAX }));
	}
	const processed: ProcessedImage[] = [];
	for (const [index, file] of files.entries()) {
		try {
			processed.push(await processImage(file, { field: 'photos' }));
		} catch (err) {
			const message = (err as { fieldErrors?: Record<string, string> }).fieldErrors?.photos;
			if (!message) throw err;
			const name = file instanceof File && file.name ? file.name : String(index + 1);
			throw fieldError('photos', () =>
				m.concerns_media_error_photo({ name: name.slice(0, 80), message })
			);
		}
	}
	return processed;
}

/** Inside the concern's transaction: the image rows and the links, in the order sent. */
export async function storeConcernPhotos(
	tx: Tx,
	{ actor, concernId, photos }: { actor: Actor; concernId: number; photos: ProcessedImage[] }
): Promise<number> {
	for (const [sortOrder, image] of photos.entries()) {
		const stored = await storeImage(tx, { actor, image });
		await tx.insert(concernPhotos).values({ concernId, imageId: stored.id, sortOrder });
	}
	return photos.length;
}

/**
 * After the concern's transaction failed: the photos' files are removed again unless another
 * image row uses the same picture (releaseImageFiles checks under the key lock).
 */
export async function discardPhotoFiles(db: Db, photos: ProcessedImage[]): Promise<void> {
	for (const photo of photos) await releaseImageFiles(db, photo);
}

/** A photo as pages show it. */
export interface ConcernPhotoView {
	id: number;
	altText: string;
	hidden: boolean;
	image: ImageView;
}

const photoColumns = {
	id: concernPhotos.id,
	altText: concernPhotos.altText,
	hiddenAt: concernPhotos.hiddenAt,
	key: images.key,
	width: images.width,
	height: images.height
};

type PhotoRow = {
	id: number;
	altText: string;
	hiddenAt: Date | null;
	key: string;
	width: number;
	height: number;
};

const toView = (row: PhotoRow): ConcernPhotoView => ({
	id: row.id,
	altText: row.altText,
	hidden: row.hiddenAt !== null,
	image: imageView(row)
});

/** Staff: every photo of the concern, hidden ones marked. The caller has checked the permission. */
export async function findConcernPhotos(db: Db, concernId: number): Promise<ConcernPhotoView[]> {
	const rows = await db
		.select(photoColumns)
		.from(concernPhotos)
		.innerJoin(images, eq(images.id, concernPhotos.imageId))
		.where(eq(concernPhotos.concernId, concernId))
		.orderBy(asc(concernPhotos.sortOrder), asc(concernPhotos.id));
	return rows.map(toView);
}

/** The status link's holder: the photos staff have not hidden. */
export async function findShownConcernPhotos(
	db: Db,
	concernId: number
): Promise<ConcernPhotoView[]> {
	const rows = await db
		.select(photoColumns)
		.from(concernPhotos)
		.innerJoin(images, eq(images.id, concernPhotos.imageId))
		.where(and(eq(concernPhotos.concernId, concernId), isNull(concernPhotos.hiddenAt)))
		.orderBy(asc(concernPhotos.sortOrder), asc(concernPhotos.id));
	return rows.map(toView);
}

/**
 * The public page: photos of a PUBLIC concern that staff have not hidden. The visibility is part
 * of the query, so a private concern's photos cannot reach a public page by a caller's mistake.
 */
export async function findPublicConcernPhotos(
	db: Db,
	reference: string
): Promise<ConcernPhotoView[]> {
	const rows = await db
		.select(photoColumns)
		.from(concernPhotos)
		.innerJoin(images, eq(images.id, concernPhotos.imageId))
		.innerJoin(concerns, eq(concerns.id, concernPhotos.concernId))
		.where(
			and(
				eq(concerns.reference, reference),
				eq(concerns.visibility, 'public'),
				isNull(concernPhotos.hiddenAt)
			)
		)
		.orderBy(asc(concernPhotos.sortOrder), asc(concernPhotos.id));
	return rows.map(toView);
}

/**
 * Open311 `media_url`: the absolute URL of the first shown photo (its JPEG, which every client
 * reads) of each PUBLIC concern among `concernIds`; concerns without one are absent.
 */
export async function concernMediaUrls(
	db: Db,
	concernIds: number[],
	origin: string
): Promise<Map<number, string>> {
	const urls = new Map<number, string>();
	if (concernIds.length === 0) return urls;
	const rows = await db
		.select({ concernId: concernPhotos.concernId, key: images.key, width: images.width })
		.from(concernPhotos)
		.innerJoin(images, eq(images.id, concernPhotos.imageId))
		.innerJoin(concerns, eq(concerns.id, concernPhotos.concernId))
		.where(
			and(
				inArray(concernPhotos.concernId, [...new Set(concernIds)]),
				eq(concerns.visibility, 'public'),
				isNull(concernPhotos.hiddenAt)
			)
		)
		.orderBy(asc(concernPhotos.sortOrder), asc(concernPhotos.id));
	for (const row of rows) {
		if (!urls.has(row.concernId)) {
			urls.set(row.concernId, `${origin}/medien/bilder/${jpegName(row.key, row.width)}`);
		}
	}
	return urls;
}

/** One concern's `media_url` (public concerns only), or null. */
export async function concernMediaUrl(
	db: Db,
	concernId: number,
	origin: string
): Promise<string | null> {
	return (await concernMediaUrls(db, [concernId], origin)).get(concernId) ?? null;
}

/** The staff buttons' form: which photo. Whether it belongs to the concern is the use case's. */
export const photoActionSchema = z.object({
	photo: describeField(
		z
			.string({ error: () => m.error_invalid_choice({ field: m.concerns_media_photos_heading() }) })
			.regex(/^[1-9][0-9]{0,8}$/, {
				error: () => m.error_invalid_choice({ field: m.concerns_media_photos_heading() })
			})
			.transform(Number),
		{ label: () => m.concerns_media_photos_heading(), required: true }
	)
});

/**
 * Wraps a concern form's action: when it fails (any 4xx) after photos were sent, the answer says
 * to choose them again, for a browser never sends chosen files a second time. The photos field
 * gets that message (in the error summary too) unless it has its own error.
 */
export function withPhotosAgainNotice<E extends { request: Request }, R>(
	action: (event: E) => Promise<R>
): (event: E) => Promise<R> {
	return async (event) => {
		const copy = event.request.clone();
		const result = await action(event);
		if (!isActionFailure(result)) {
			await copy.body?.cancel();
			return result;
		}
		let sent = false;
		try {
			sent = (await copy.formData()).getAll('photos').some((f) => f instanceof Blob && f.size > 0);
		} catch {
			// An unreadable body already has its answer.
		}
		if (!sent) return result;
		const data = result.data as unknown as { errors?: Record<string, string> } & Record<
			string,
			unknown
		>;
		data.errors = {
			...data.errors,
			photos: data.errors?.photos ?? m.concerns_media_photos_again()
		};
		return result;
	};
}

/**
 * For whoever deletes a concern (privacy: delete on request) in its transaction: removes its
 * photo links and image rows, and returns the images whose files go after commit, with
 * `for (const image of removed) await releaseImageFiles(db, image)`. The FK cascade alone would
 * leave the image rows and files behind.
 */
export async function removeConcernPhotos(
	tx: Tx,
	concernId: number
): Promise<{ key: string; width: number }[]> {
	const links = await tx
		.delete(concernPhotos)
		.where(eq(concernPhotos.concernId, concernId))
		.returning({ imageId: concernPhotos.imageId });
	const removed: { key: string; width: number }[] = [];
	for (const { imageId } of links) removed.push(await deleteImage(tx, imageId));
	return removed;
}

/**
 * Whether the image behind a file name is a concern photo staff have hidden (a face, a number
 * plate): its files are then only for staff, though the name was public before. Other images,
 * including photos of private concerns (shown to the status link's holder), keep the rule of
 * unguessable names.
 */
export async function isHiddenConcernPhoto(db: Db, key: string): Promise<boolean> {
	const [row] = await db
		.select({ id: concernPhotos.id })
		.from(concernPhotos)
		.innerJoin(images, eq(images.id, concernPhotos.imageId))
		.where(and(eq(images.key, key), isNotNull(concernPhotos.hiddenAt)))
		.limit(1);
	return row !== undefined;
}
