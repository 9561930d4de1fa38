import http from 'node:http';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { formValues, HttpClient, mainText } from '../http';

/**
 * Room management as plain form posts (a browser without JavaScript does the same): opening
 * hours, blocked times, closing days. The pages themselves (axe, 375 px, the error state) are
 * checked in the browser (rooms-admin); the rules and the bad-input matrix are use-case and
 * in-process tests (room-admin.test.ts, room-form.test.ts).
 */
describe('rooms: management over HTTP', () => {
	async function kreativraum(staff: HttpClient) {
		const list = await staff.get('/verwaltung/raeume/verwalten');
		const href = /href="([^"]+)"[^>]*>\s*Kreativraum/.exec(list.body)?.[1];
		expect(href, 'a link to the Kreativraum').toBeDefined();
		return new URL(href!, `${staff.baseUrl}/verwaltung/raeume/verwalten`).pathname;
	}

	it('changes the Kreativraum’s opening hours, shows them in its history, then puts them back', async () => {
		const staff = await HttpClient.as('rooms');
		const editPath = await kreativraum(staff);
		const form = await staff.get(editPath);
		const before = formValues(form.body);
		expect([before.opens2, before.closes2]).toEqual(['09:00', '20:00']);

		const saved = await staff.post(`${editPath}?/save`, {
			...before,
			opens2: '10:30',
			closes2: '16:00'
		});
		expect(saved).toMatchObject({ status: 303 });
		expect(saved.location).toMatch(/^\/verwaltung\/raeume\/verwalten\?/);
		const after = await staff.get(editPath);
		expect(formValues(after.body)).toMatchObject({ opens2: '10:30', closes2: '16:00' });
		expect(mainText(after.body)).toMatch(/Dienstag 10:30–16:00/);

		// From ≥ until on one day: 400 with the day named, nothing saved.
		const wrong = await staff.post(`${editPath}?/save`, {
			...before,
			opens2: '18:00',
			closes2: '09:00'
		});
		expect(wrong.status).toBe(400);
		expect(mainText(wrong.body)).toMatch(/Dienstag muss „bis“ nach „von“ liegen/);

		expect((await staff.post(`${editPath}?/save`, before)).status).toBe(303);
		expect(formValues((await staff.get(editPath)).body)).toMatchObject({
			opens2: '09:00',
			closes2: '20:00'
		});
	});

	it('blocks a time (409 on overlap) and frees it; adds closing days and deletes them', async () => {
		const staff = await HttpClient.as('rooms');
		const editPath = await kreativraum(staff);
		await staff.get(editPath);
		// Beyond the rooms' 365 days of advance booking, so no request of another test meets them.
		const block = {
			date: '2028-03-01',
			startTime: '10:00',
			endTime: '11:30',
			title: 'Wartung http',
			note: ''
		};
		expect((await staff.post(`${editPath}?/block`, block)).status).toBe(303);
		const page = await staff.get(editPath);
		expect(mainText(page.body)).toMatch(/1\. März 2028, 10:00–11:30 ?: Wartung http/);
		const overlap = await staff.post(`${editPath}?/block`, {
			...block,
			startTime: '11:00',
			endTime: '12:00'
		});
		expect(overlap.status).toBe(409);
		expect(mainText(overlap.body)).toMatch(/1\. März 2028, 10:00–11:\d\d/);
		const blockId = /name="block" value="(\d+)"/.exec(page.body)?.[1];
		expect((await staff.post(`${editPath}?/unblock`, { block: blockId! })).status).toBe(303);
		// Gone from the list of blocked times (the room's history keeps it).
		const freed = mainText((await staff.get(editPath)).body);
		expect(
			freed.slice(freed.indexOf('Gesperrte Zeiten'), freed.indexOf('Zeit sperren'))
		).not.toContain('Wartung http');

		await staff.get('/verwaltung/raeume/verwalten');
		const closure = { firstDay: '2028-03-06', lastDay: '2028-03-10', reason: 'Renovierung http' };
		expect((await staff.post('/verwaltung/raeume/verwalten?/addClosure', closure)).status).toBe(
			303
		);
		const list = await staff.get('/verwaltung/raeume/verwalten');
		expect(mainText(list.body)).toContain('Renovierung http');
		const closureId = /name="closure" value="(\d+)"/.exec(
			list.body.slice(list.body.indexOf('Renovierung http'))
		)?.[1];
		// Without the confirmation nothing is deleted.
		const unconfirmed = await staff.post('/verwaltung/raeume/verwalten?/deleteClosure', {
			closure: closureId!
		});
		expect(unconfirmed.status).toBe(400);
		expect(mainText((await staff.get('/verwaltung/raeume/verwalten')).body)).toContain(
			'Renovierung http'
		);
		const deleted = await staff.post('/verwaltung/raeume/verwalten?/deleteClosure', {
			closure: closureId!,
			confirm: 'on'
		});
		expect(deleted.status).toBe(303);
		expect(mainText((await staff.get('/verwaltung/raeume/verwalten')).body)).not.toContain(
			'Renovierung http'
		);
	});
	it('uploads a photo past BODY_SIZE_LIMIT, serves it without EXIF from /medien/bilder, removes it', async () => {
		const staff = await HttpClient.as('rooms');
		const editPath = await kreativraum(staff);
		await staff.get(editPath);
		// Noise does not compress: a JPEG of about 1 MB, more than the 512 KB every other form may send.
		const noise = await sharp(randomBytes(700 * 700 * 3), {
			raw: { width: 700, height: 700, channels: 3 }
		})
			.jpeg({ quality: 100 })
			.withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N' } })
			.toBuffer();
		expect(noise.length).toBeGreaterThan(600 * 1024);
		const added = await staff.post(`${editPath}?/addPhoto`, {
			photo: new File([new Uint8Array(noise)], 'IMG_1234.JPG', { type: 'image/jpeg' }),
			altText: 'Rauschen http'
		});
		expect(added).toMatchObject({ status: 303, location: `${editPath}?foto=1#fotos` });
		const edit = await staff.get(editPath);
		expect(mainText(edit.body)).toContain('Rauschen http');

		const room = await new HttpClient().get('/raeume/kreativraum');
		const src =
			/<img src="(\/medien\/bilder\/[0-9a-f]{32}-700\.jpg)" alt="Rauschen http" width="700" height="700" loading="eager"/.exec(
				room.body
			)?.[1];
		expect(src, 'the photo on the public page').toBeDefined();
		expect(room.body).toMatch(
			/<source type="image\/webp" srcset="[^"]+-480\.webp 480w, [^"]+-700\.webp 700w"/
		);
		expect((await new HttpClient().get('/raeume')).body).toContain('alt="Rauschen http"');

		const image = await fetch(staff.baseUrl + src!);
		expect(image.status).toBe(200);
		expect(Object.fromEntries(image.headers)).toMatchObject({
			'content-type': 'image/jpeg',
			'x-content-type-options': 'nosniff',
			'cache-control': 'public, max-age=31536000, immutable'
		});
		const bytes = Buffer.from(await image.arrayBuffer());
		const meta = await sharp(bytes).metadata();
		expect([meta.format, meta.exif, meta.xmp, bytes.includes('TestCam')]).toEqual([
			'jpeg',
			undefined,
			undefined,
			false
		]);
		const again = await fetch(staff.baseUrl + src!, {
			headers: { 'if-none-match': image.headers.get('etag')! }
		});
		expect(again.status).toBe(304);
		const head = await fetch(staff.baseUrl + src!, { method: 'HEAD' });
		expect([head.status, head.headers.get('content-length')]).toEqual([200, String(bytes.length)]);
		for (const name of ['..%2F..%2Fpackage.json', '%2E%2E%2Fgebaerdensprache.mp4', 'x.jpg']) {
			expect((await fetch(`${staff.baseUrl}/medien/bilder/${name}`)).status, name).toBe(404);
		}

		// Over IMAGE_MAX_BYTES: 413 with a German message as soon as the length is known.
		const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = http.request(`${staff.baseUrl}${editPath}?/addPhoto`, {
				method: 'POST',
				headers: {
					cookie: staff.cookieHeader(),
					origin: staff.baseUrl,
					accept: 'text/html',
					'content-type': 'multipart/form-data; boundary=x',
					'content-length': String(11 * 1024 * 1024)
				}
			});
			req.on('response', (res) => {
				let body = '';
				res.on('data', (d) => (body += d));
				res.on('end', () => {
					resolve({ status: res.statusCode ?? 0, body });
					req.destroy();
				});
			});
			req.on('error', reject);
			req.write('--x\r\n');
		});
		expect(tooLarge.status).toBe(413);
		expect(mainText(tooLarge.body)).toMatch(/Das Bild ist zu groß: Es dürfen höchstens 10\sMB/);

		const photoId = /name="photo" value="(\d+)"/.exec(edit.body)?.[1];
		expect((await staff.post(`${editPath}?/removePhoto`, { photo: photoId! })).status).toBe(303);
		expect((await fetch(staff.baseUrl + src!)).status).toBe(404);
		expect((await new HttpClient().get('/raeume/kreativraum')).body).not.toContain('Rauschen http');
	});
});
