import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { bodyLimit, bodyLimitFor, limitBody, parseBytes, UPLOAD_OVERHEAD } from './body-limit';

/*
 * Which request may send how much: image uploads up to IMAGE_MAX_BYTES (plus the form's other
 * fields), everything else BODY_SIZE_LIMIT as scripts/serve.mjs hands it on.
 */

const env = { QUARTIER_BODY_SIZE_LIMIT: '512K' };
const url = (path: string) => new URL(`http://127.0.0.1${path}`);
const upload = 10 * 1024 * 1024 + UPLOAD_OVERHEAD;

describe('the body limit', () => {
	it.each([
		['POST', '/verwaltung/raeume/verwalten/3?/addPhoto', upload],
		['POST', '/verwaltung/raeume/verwalten/3?/save', 512 * 1024],
		['POST', '/verwaltung/raeume/verwalten/3', 512 * 1024],
		['POST', '/verwaltung/raeume/verwalten/3/x?/addPhoto', 512 * 1024],
		['POST', '/verwaltung/raeume/verwalten/neu?/addPhoto', 512 * 1024],
		['POST', '/kontakt?/addPhoto', 512 * 1024],
		['PUT', '/verwaltung/raeume/verwalten/3?/addPhoto', 512 * 1024],
		['POST', '/verwaltung/veranstaltungen/7?/setImage', upload],
		['POST', '/verwaltung/veranstaltungen/7?/save', 512 * 1024],
		['POST', '/verwaltung/veranstaltungen/neu?/setImage', 512 * 1024]
	])('%s %s may send %d bytes', (method, path, bytes) => {
		expect(bodyLimitFor(method, url(path), env)?.bytes).toBe(bytes);
	});

	it('reads adapter-node notation and leaves the limit to adapter-node without serve.mjs', () => {
		expect([parseBytes('512K'), parseBytes('2m'), parseBytes('1G'), parseBytes('100')]).toEqual([
			524288, 2097152, 1073741824, 100
		]);
		expect(parseBytes('Infinity')).toBe(Infinity);
		expect(bodyLimitFor('POST', url('/kontakt'), {})).toBeNull();
		expect(
			bodyLimitFor('POST', url('/kontakt'), { QUARTIER_BODY_SIZE_LIMIT: 'Infinity' })
		).toBeNull();
	});

	async function send(path: string, body: BodyInit, headers: Record<string, string> = {}) {
		const event = {
			request: new Request(url(path), {
				method: 'POST',
				body,
				headers,
				duplex: 'half'
			} as RequestInit),
			url: url(path)
		};
		try {
			return await bodyLimit({
				event: event as never,
				resolve: async (e: { request: Request }) => new Response(await e.request.text())
			} as never);
		} catch (err) {
			if (isHttpError(err)) return { status: err.status, message: err.body.message };
			throw err;
		}
	}

	it('answers an upload over IMAGE_MAX_BYTES with 413 and a German message', async () => {
		const answer = await send('/verwaltung/raeume/verwalten/3?/addPhoto', 'x', {
			'content-length': String(upload + 1)
		});
		expect(answer).toMatchObject({ status: 413 });
		expect((answer as { message: string }).message).toMatch(
			/Das Bild ist zu groß: .*höchstens 10\sMB/
		);
	});

	it('counts a body without a length and stops it past the limit', async () => {
		const chunks = (n: number) =>
			new Request(url('/kontakt'), {
				method: 'POST',
				body: new ReadableStream({
					start(controller) {
						for (let i = 0; i < n; i++) controller.enqueue(new Uint8Array(512));
						controller.close();
					}
				}),
				duplex: 'half'
			} as RequestInit);
		expect((await limitBody(chunks(2), 1024).arrayBuffer()).byteLength).toBe(1024);
		await expect(limitBody(chunks(3), 1024).arrayBuffer()).rejects.toThrow(/body size over 1024/);
	});
});
