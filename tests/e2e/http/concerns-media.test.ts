import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HttpClient, mainText } from '../http';

/**
 * Concern photos over HTTP against the built server (area: media), like a visitor without
 * JavaScript: the form is multipart and a photo arrives on the public page; 50 MB is a 413 in
 * German, not a 500; without MAP_TILE_URL the policy allows no outside image and no map is drawn.
 * The photo and position matrix is in-process (concerns/concerns-media.test.ts).
 */

async function categoryId(client: HttpClient): Promise<string> {
	const page = await client.get('/anliegen/neu');
	const match = /name="category"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="category"/.exec(
		page.body
	);
	if (!match) throw new Error('no category on /anliegen/neu');
	return match[1] ?? match[2];
}

describe('concern photos over HTTP', () => {
	it('takes a photo in a multipart post without JavaScript and shows it on the public page', async () => {
		const client = new HttpClient();
		const form = await client.get('/anliegen/neu');
		expect(form.body).toMatch(/<form[^>]*enctype="multipart\/form-data"/);
		expect(form.body).toMatch(/<input[^>]*type="file"[^>]*multiple/);
		// No tile server: the policy allows images from here only, and no map is drawn.
		const csp = form.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/img-src 'self' data:;/);
		expect(form.body).not.toContain('concern-location');

		const photo = await sharp({
			create: { width: 640, height: 480, channels: 3, background: '#4a7' }
		})
			.jpeg()
			.toBuffer();
		const sent = await client.post('/anliegen/neu', {
			category: await categoryId(client),
			description: 'Am Bolzplatz ist das Tor umgekippt.',
			visibility: 'public',
			photos: new File([new Uint8Array(photo)], 'tor.jpg', { type: 'image/jpeg' })
		});
		expect(sent.status, mainText(sent.body).slice(0, 300)).toBe(303);
		const reference = /nr=(KAS-\d{4}-\d+)/.exec(sent.location)?.[1];
		expect(reference).toBeTruthy();
		const page = await client.get(`/anliegen/${reference}`);
		const src = /<img[^>]*src="(\/medien\/bilder\/[0-9a-f]{32}-\d+\.jpg)"/.exec(page.body)?.[1];
		expect(src, 'photo on the public page').toBeTruthy();
		const image = await fetch(`${client.baseUrl}${src}`);
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/jpeg');
		const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
		expect(meta.exif).toBeUndefined();

		// Staff hide it (a face, a number plate): from then on its file is for staff only.
		const staff = await HttpClient.as('concerns');
		const inbox = await staff.get(`/verwaltung/anliegen?q=${reference}`);
		const id = /href="\/verwaltung\/anliegen\/(\d+)"/.exec(inbox.body)![1];
		const detail = await staff.get(`/verwaltung/anliegen/${id}`);
		const photoId = /name="photo" value="(\d+)"/.exec(detail.body)![1];
		const hid = await staff.submit(
			`/verwaltung/anliegen/${id}`,
			{ photo: photoId },
			`/verwaltung/anliegen/${id}?/photoHide`
		);
		expect(hid.status).toBe(303);
		expect((await fetch(`${client.baseUrl}${src}`)).status).toBe(404);
		const forStaff = await staff.get(src!);
		expect(forStaff.status).toBe(200);
		expect(forStaff.headers.get('cache-control')).toBe('private, no-store');
	});

	it('answers 50 MB of photos with a German 413 page, not a 500', async () => {
		const client = new HttpClient();
		const res = await client.post('/anliegen/neu', {
			category: await categoryId(client),
			description: 'Ein viel zu großes Foto.',
			visibility: 'public',
			photos: new File([new Uint8Array(50 * 1024 * 1024)], 'riesig.jpg', { type: 'image/jpeg' })
		});
		expect(res.status).toBe(413);
		expect(mainText(res.body)).toContain('Die Fotos sind zu groß');
	});
});
