import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { HttpClient, mainText } from '../http';

/**
 * Groups and event images as plain form posts against the built server: a group made by content
 * staff has its public page and takes an editor, a group with events cannot be deleted; an event
 * image larger than BODY_SIZE_LIMIT is stored, shown and named in the JSON-LD, a PDF named .jpg
 * is refused. No event is created here: other files check the shared server's feeds exactly. The matrices are use-case and in-process tests
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

	it('creates a group with an editor, refuses to delete a group with events, deletes its own', async () => {
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
		const group = await new HttpClient().get('/gruppen/hofgemeinschaft-http');
		expect(mainText(group.body)).toMatch(/Hofgemeinschaft http[\s\S]*hof@example.org/);

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

		// An example group organises an example event: it stays.
		const repair = linkTo(list.body, 'Repair-Café Kaster', '/verwaltung/gruppen');
		const refused = await staff.post(`${repair}?/delete`, { confirm: 'on' });
		expect(refused.status).toBe(409);
		expect(mainText(refused.body)).toMatch(/kann nicht gelöscht werden/);

		const deleted = await staff.post(`${groupPath}?/delete`, { confirm: 'on' });
		expect(deleted).toMatchObject({ status: 303, location: '/verwaltung/gruppen?geloescht=1' });
		expect((await new HttpClient().get('/gruppen/hofgemeinschaft-http')).status).toBe(404);
		expect(mainText((await resident.get('/konto')).body)).not.toContain('Hofgemeinschaft http');
	});

	it('stores an event image past BODY_SIZE_LIMIT, shows it and names it in the JSON-LD, then removes it', async () => {
		const staff = await HttpClient.as('content');
		// An example event other tests do not look at closely; the image leaves its feed entry as it is.
		const events = await staff.get('/verwaltung/veranstaltungen');
		const eventPath = linkTo(events.body, 'Bewohnertreffen Kaster', '/verwaltung/veranstaltungen');
		const publicPath = '/veranstaltungen/bewohnertreffen-kaster';
		expect((await new HttpClient().get(publicPath)).status).toBe(200);

		const pdf = await staff.post(`${eventPath}?/setImage`, {
			image: new File(['%PDF-1.4\n%%EOF'], 'plakat.jpg', { type: 'image/jpeg' }),
			altText: 'Das Plakat'
		});
		expect(pdf.status).toBe(400);
		expect(mainText(pdf.body)).toMatch(/nicht als Bild verwenden/);

		// A JPEG of about 1 MB (noise does not compress), more than any other form may send.
		const noise = await sharp(randomBytes(700 * 700 * 3), {
			raw: { width: 700, height: 700, channels: 3 }
		})
			.jpeg({ quality: 100 })
			.toBuffer();
		expect(noise.length).toBeGreaterThan(600 * 1024);
		const uploaded = await staff.post(`${eventPath}?/setImage`, {
			image: new File([new Uint8Array(noise)], 'IMG_2001.JPG', { type: 'image/jpeg' }),
			altText: 'Stuhlkreis im Saal http'
		});
		expect(uploaded).toMatchObject({ status: 303, location: `${eventPath}?bild=1#bild` });

		const page = await new HttpClient().get(publicPath);
		const src =
			/<img src="(\/medien\/bilder\/[0-9a-f]{32}-700\.jpg)" alt="Stuhlkreis im Saal http"/.exec(
				page.body
			)?.[1];
		expect(src, 'the image on the public page').toBeDefined();
		expect(jsonLdOf(page.body).image).toMatch(new RegExp(`^https?://[^/]+${src}$`));
		expect((await fetch(staff.baseUrl + src!)).status).toBe(200);

		expect((await staff.post(`${eventPath}?/removeImage`, {})).status).toBe(303);
		expect((await fetch(staff.baseUrl + src!)).status).toBe(404);
		expect((await new HttpClient().get(publicPath)).body).not.toContain('Stuhlkreis im Saal http');
	});
});
