import { error, type Handle } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { config } from '../config';
import { megabytes } from '../media/process-image';

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

/** Form actions that take an image: the page's path and the action's name. */
const IMAGE_UPLOADS: { path: RegExp; action: string }[] = [
	{ path: /^\/verwaltung\/raeume\/verwalten\/[1-9]\d*$/, action: 'addPhoto' },
	{ path: /^\/verwaltung\/veranstaltungen\/[1-9]\d*$/, action: 'setImage' }
];

/** The action a POST names, found as SvelteKit finds it (the first `?/name` parameter). */
function actionOf(url: URL): string | undefined {
	return [...url.searchParams.keys()].find((key) => key.startsWith('/'))?.slice(1);
}

export function isImageUpload(method: string, url: URL): boolean {
	if (method !== 'POST') return false;
	const action = actionOf(url) ?? 'default';
	return IMAGE_UPLOADS.some((u) => u.path.test(url.pathname) && u.action === action);
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
): { bytes: number; upload: boolean } | null {
	if (isImageUpload(method, url)) {
		return { bytes: config().IMAGE_MAX_BYTES + UPLOAD_OVERHEAD, upload: true };
	}
	const general = parseBytes(env.QUARTIER_BODY_SIZE_LIMIT ?? '');
	return Number.isFinite(general) && general > 0 ? { bytes: general, upload: false } : null;
}

export const bodyLimit: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	const limit = request.body ? bodyLimitFor(request.method, url) : null;
	if (!limit) return resolve(event);
	const tooLarge = () =>
		limit.upload
			? m.media_upload_too_large({ max: megabytes(config().IMAGE_MAX_BYTES) })
			: m.error_too_large();
	const length = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(length)) {
		if (length > limit.bytes) error(413, tooLarge());
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
