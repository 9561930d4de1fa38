import { error, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { megabytes } from '../media/process-image';
import { CONCERN_PHOTOS_MAX } from '../db/schema/concerns-media';
import { open311Error } from '../open311/open311-format';

/**
 * adapter-node has one body limit for every request, but an image upload needs more than a form.
 * scripts/serve.mjs therefore raises adapter-node's limit to what an upload needs and hands the
 * operator's BODY_SIZE_LIMIT on as QUARTIER_BODY_SIZE_LIMIT; this hook applies it to every other
 * request, and IMAGE_MAX_BYTES (plus the form's other fields) to the upload actions below.
 * Started without serve.mjs (`node build`), adapter-node's own limit applies to everything.
 * It runs after the back-office guard: only staff get as far as sending an upload.
 */

/** Room for the multipart headers, the alt text and the CSRF token beside the file. */
export const UPLOAD_OVERHEAD = 256 * 1024;

/** Form actions that take images: the page's path, the action's name, how many files at most. */
const IMAGE_UPLOADS: { path: RegExp; action: string; files?: number }[] = [
	{ path: /^\/verwaltung\/raeume\/verwalten\/[1-9]\d*$/, action: 'addPhoto' },
	{ path: /^\/verwaltung\/veranstaltungen\/[1-9]\d*$/, action: 'setImage' },
	// The public concern form (media): anyone may send it, up to CONCERN_PHOTOS_MAX photos.
	{ path: /^\/anliegen\/neu$/, action: 'default', files: CONCERN_PHOTOS_MAX }
];

/** The most image files any upload form takes (scripts/serve.mjs raises adapter-node's limit). */
export const MAX_UPLOAD_FILES = Math.max(...IMAGE_UPLOADS.map((u) => u.files ?? 1));

/** The action a POST names, found as SvelteKit finds it (the first `?/name` parameter). */
function actionOf(url: URL): string | undefined {
	return [...url.searchParams.keys()].find((key) => key.startsWith('/'))?.slice(1);
}

/** How many image files this request may carry (0: not an upload). */
export function imageUploadFiles(method: string, url: URL): number {
	if (method !== 'POST') return 0;
	const action = actionOf(url) ?? 'default';
	const upload = IMAGE_UPLOADS.find((u) => u.path.test(url.pathname) && u.action === action);
	return upload ? (upload.files ?? 1) : 0;
}

export function isImageUpload(method: string, url: URL): boolean {
	return imageUploadFiles(method, url) > 0;
}

/** Bytes from adapter-node's notation (512K, 1M, Infinity); NaN when unreadable. */
export function parseBytes(value: string): number {
	const multiplier = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.at(-1)?.toUpperCase() ?? ''];
	return multiplier ? Number(value.slice(0, -1)) * multiplier : Number(value);
}

export function bodyLimitFor(
	method: string,
	url: URL,
	env: Record<string, string | undefined> = process.env
): { bytes: number; upload: boolean; files?: number } | null {
	const files = imageUploadFiles(method, url);
	if (files > 0) {
		return { bytes: files * config().IMAGE_MAX_BYTES + UPLOAD_OVERHEAD, upload: true, files };
	}
	const general = parseBytes(env.QUARTIER_BODY_SIZE_LIMIT ?? '');
	return Number.isFinite(general) && general > 0 ? { bytes: general, upload: false } : null;
}

export const bodyLimit: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	const limit = request.body ? bodyLimitFor(request.method, url) : null;
	if (!limit) return resolve(event);
	const each = config().IMAGE_MAX_BYTES;
	const tooLarge = () =>
		!limit.upload
			? m.error_too_large()
			: (limit.files ?? 1) > 1
				? m.concerns_media_upload_too_large({
						max: megabytes((limit.files ?? 1) * each),
						count: limit.files ?? 1,
						each: megabytes(each)
					})
				: m.media_upload_too_large({ max: megabytes(each) });
	const length = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(length)) {
		if (length > limit.bytes) {
			// Open311 clients read errors in the standard's list format, in the format they asked for.
			if (url.pathname.startsWith('/open311/')) {
				return open311Error(url.pathname.endsWith('.xml') ? 'xml' : 'json', 413, tooLarge());
			}
			error(413, tooLarge());
		}
		return resolve(event);
	}
	// Without a length (chunked), count while it is read: past the limit the body fails, and the
	// form reader answers 413 (hooks.server.ts, readCsrfToken).
	event.request = limitBody(request, limit.bytes);
	return resolve(event);
};

/** The same request, its body failing once more than `bytes` have been read. */
export function limitBody(request: Request, bytes: number): Request {
	if (!request.body) return request;
	let size = 0;
	const counted = request.body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				size += chunk.byteLength;
				if (size > bytes) controller.error(new Error(`body size over ${bytes} bytes`));
				else controller.enqueue(chunk);
			}
		})
	);
	return new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: counted,
		signal: request.signal,
		duplex: 'half'
	} as RequestInit);
}
