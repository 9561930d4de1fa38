import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HttpClient, mainText } from '../http';

/**
 * Groups and event images as plain form posts against the built server: a group made by content
 * staff appears on its public page with an event, cannot be deleted while it has one, and takes
 * an editor; an event image larger than BODY_SIZE_LIMIT is stored, shown and named in the
 * JSON-LD, a PDF named .jpg is refused. The matrices are use-case and in-process tests
 * (src/lib/server/events/groups.test.ts, src/routes/verwaltung/gruppen/group-form.test.ts).
 */

function jsonLdOf(html: string): Record<string, unknown> {
	const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
	expect(match, 'JSON-LD').not.toBeNull();
	return JSON.parse(match![1]);
}

/** The path an edit link of a back-office list points to (links may be relative). */
function linkTo(html: string, text: string, listPath: string): string {
	const href = new RegExp(`href="([^"]+)"[^>]*>${text}`).exec(html)?.[1];
	expect(href, `a link to ${text}`).toBeDefined();
	return new URL(href!, `http://x${listPath}`).pathname;
}

describe('groups and event images over HTTP', () => {
	it('keeps the group pages for content staff', async () => {
		for (const role of ['rooms', 'resident'] as const) {
			const other = await HttpClient.as(role);
			expect((await other.get('/verwaltung/gruppen')).status, role).toBe(403);
			expect((await other.post('/verwaltung/gruppen/neu', { name: 'Fremd' })).status, role).toBe(
				403
			);
		}
		const anonymous = await new HttpClient().get('/verwaltung/gruppen');
		expect(anonymous.status).toBe(303);
	});

	it('creates a group, gives it an event with an image and an editor, and refuses to delete it', async () => {
		const staff = await HttpClient.as('content');
		const bad = await staff.post('/verwaltung/gruppen/neu', { name: '', email: 'x@' });
		expect(bad.status).toBe(400);
		expect(mainText(bad.body)).toMatch(/Bitte füllen Sie das Feld „Name der Gruppe“ aus/);

		const made = await staff.post('/verwaltung/gruppen/neu', {
			name: 'Hofgemeinschaft http',
			description: 'Wir pflegen den Innenhof.',
			email: 'hof@example.org',
			showContact: 'on'
		});
		expect(made).toMatchObject({ status: 303, location: '/verwaltung/gruppen?angelegt=1' });
		const list = await staff.get('/verwaltung/gruppen');
		const groupPath = linkTo(list.body, 'Hofgemeinschaft http', '/verwaltung/gruppen');
		const groupId = groupPath.split('/').at(-1)!;

		const editor = await staff.post(`${groupPath}?/addEditor`, {
			email: 'e2e-resident@example.org'
		});
		expect(editor).toMatchObject({ status: 303, location: `${groupPath}?bearbeiter=1#bearbeiter` });
		const unknown = await staff.post(`${groupPath}?/addEditor`, {
			email: 'gibtsnicht@example.org'
		});
		expect(unknown.status).toBe(400);
		expect(mainText(unknown.body)).toMatch(/Zu „gibtsnicht@example.org“ gibt es kein Konto/);
		const resident = await HttpClient.as('resident');
		expect(mainText((await resident.get('/konto')).body)).toMatch(
			/Ihre Gruppen[\s\S]*Hofgemeinschaft http/
		);

		const event = await staff.post('/verwaltung/veranstaltungen/neu', {
			title: 'Hoffest http',
			description: 'Mit Musik.',
			date: '2028-06-17',
			startTime: '15:00',
			endTime: '19:00',
			repeat: 'none',
			placeName: 'Innenhof',
			placeAddress: 'Hauptstraße 1',
			groupId,
			categories: 'begegnung',
			targetGroups: 'alle',
			languages: 'de',
			isFree: 'on'
		});
		expect(event.status, mainText(event.body)).toBe(303);
		const group = await new HttpClient().get('/gruppen/hofgemeinschaft-http');
		expect(mainText(group.body)).toMatch(
			/Hoffest http[\s\S]*hof@example.org|hof@example.org[\s\S]*Hoffest http/
		);

		const refused = await staff.post(`${groupPath}?/delete`, { confirm: 'on' });
		expect(refused.status).toBe(409);
		expect(mainText(refused.body)).toMatch(/kann nicht gelöscht werden/);

		// The event image: a JPEG of about 1 MB (noise does not compress), past BODY_SIZE_LIMIT.
		const events = await staff.get('/verwaltung/veranstaltungen');
		const eventPath = linkTo(events.body, 'Hoffest http', '/verwaltung/veranstaltungen');
		const pdf = await staff.post(`${eventPath}?/setImage`, {
			image: new File(['%PDF-1.4\n%%EOF'], 'plakat.jpg', { type: 'image/jpeg' }),
			altText: 'Das Plakat'
		});
		expect(pdf.status).toBe(400);
		expect(mainText(pdf.body)).toMatch(/nicht als Bild verwenden/);

		const noise = await sharp(randomBytes(700 * 700 * 3), {
			raw: { width: 700, height: 700, channels: 3 }
		})
			.jpeg({ quality: 100 })
			.toBuffer();
		expect(noise.length).toBeGreaterThan(600 * 1024);
		const uploaded = await staff.post(`${eventPath}?/setImage`, {
			image: new File([new Uint8Array(noise)], 'IMG_2001.JPG', { type: 'image/jpeg' }),
			altText: 'Lichterketten im Hof'
		});
		expect(uploaded).toMatchObject({ status: 303, location: `${eventPath}?bild=1#bild` });

		const page = await new HttpClient().get('/veranstaltungen/hoffest-http');
		const src =
			/<img src="(\/medien\/bilder\/[0-9a-f]{32}-700\.jpg)" alt="Lichterketten im Hof"/.exec(
				page.body
			)?.[1];
		expect(src, 'the image on the public page').toBeDefined();
		expect(jsonLdOf(page.body).image).toMatch(new RegExp(`^https?://[^/]+${src}$`));
		expect((await fetch(staff.baseUrl + src!)).status).toBe(200);

		expect((await staff.post(`${eventPath}?/removeImage`, {})).status).toBe(303);
		expect((await fetch(staff.baseUrl + src!)).status).toBe(404);
		expect((await new HttpClient().get('/veranstaltungen/hoffest-http')).body).not.toContain(
			'Lichterketten im Hof'
		);
	});
});
