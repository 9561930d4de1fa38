import fs from 'node:fs';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { signLanguageVideoPath } from '$lib/server/site/sign-language-video';
import type { RequestHandler } from './$types';

/** Serves the sign-language video (and its subtitles) with byte ranges, so players can seek and old phones can stream. */
const MEDIA = {
	'gebaerdensprache.mp4': { kind: 'mp4', type: 'video/mp4' },
	'gebaerdensprache.vtt': { kind: 'vtt', type: 'text/vtt; charset=utf-8' }
} as const;

export const GET: RequestHandler = ({ request, params }) => {
	const media = MEDIA[params.datei as keyof typeof MEDIA];
	if (!media) error(404, m.error_not_found_text());
	const file = signLanguageVideoPath(media.kind);
	let size: number;
	try {
		size = fs.statSync(file).size;
	} catch {
		error(404, m.error_not_found_text());
	}
	const headers = {
		'Content-Type': media.type,
		'Accept-Ranges': 'bytes',
		'Cache-Control': 'public, max-age=3600'
	};
	const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
	if (!range) {
		const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
		return new Response(body, { headers: { ...headers, 'Content-Length': String(size) } });
	}
	const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
	const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
	if (!(start <= end && end < size)) {
		return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
	}
	const body = Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream;
	return new Response(body, {
		status: 206,
		headers: {
			...headers,
			'Content-Length': String(end - start + 1),
			'Content-Range': `bytes ${start}-${end}/${size}`
		}
	});
};
