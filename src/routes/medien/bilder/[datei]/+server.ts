import fs from 'node:fs';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { can } from '$lib/server/auth/permissions';
import { isHiddenConcernPhoto } from '$lib/server/concerns/concern-photos';
import { findImageFile } from '$lib/server/media/image-files';
import type { RequestEvent, RequestHandler } from './$types';

/**
 * Serves the images of the pipeline (src/lib/server/media) from our own origin. A name is
 * `<hash of the content>-<width>.webp|.jpg` and never changes its content: cached for a year, and
 * its ETag is the name. Anything that is not such a name is 404 before the disk is touched.
 */
async function answer(event: RequestEvent, withBody: boolean): Promise<Response> {
	const name = event.params.datei;
	const request = event.request;
	const found = await findImageFile(name);
	if (!found) error(404, m.error_not_found_text());
	// A concern photo staff hid is for staff only from then on, and never kept in a shared cache.
	const hidden = await isHiddenConcernPhoto(event.locals.db, name.slice(0, 32));
	if (hidden && !can(event.locals.actor, 'concerns.manage')) error(404, m.error_not_found_text());
	const headers = {
		'Content-Type': found.type,
		'Cache-Control': hidden ? 'private, no-store' : 'public, max-age=31536000, immutable',
		ETag: `"${name}"`,
		'X-Content-Type-Options': 'nosniff',
		// An image, not a document: nothing in it may run or load anything.
		'Content-Security-Policy': "default-src 'none'; sandbox",
		'Cross-Origin-Resource-Policy': 'same-origin'
	};
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === headers.ETag)) {
		return new Response(null, { status: 304, headers });
	}
	const length = { 'Content-Length': String(found.size) };
	// HEAD opens no file: a stream nobody reads would hold its descriptor.
	if (!withBody) return new Response(null, { headers: { ...headers, ...length } });
	const body = Readable.toWeb(fs.createReadStream(found.file)) as ReadableStream;
	return new Response(body, { headers: { ...headers, ...length } });
}

export const GET: RequestHandler = (event) => answer(event, true);
export const HEAD: RequestHandler = (event) => answer(event, false);
