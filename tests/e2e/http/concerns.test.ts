import { describe, expect, it } from 'vitest';
import { HttpClient, mainText, postOk } from '../http';
import { waitForMail } from '../support';

/**
 * Concerns (Anliegen) over HTTP against the built server, like a visitor without JavaScript:
 * the pages answer, a bad post is a 400 in German with nothing stored, a private concern never
 * shows publicly, and the status link from the mail shows the staff's answer. The bad-input
 * matrix is in-process (anliegen/neu/concern-form.test.ts); axe runs in the browser (concerns).
 */

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;

async function categoryIds(client: HttpClient): Promise<string[]> {
	const page = await client.get('/anliegen/neu');
	return [
		...page.body.matchAll(/name="category"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="category"/g)
	].map((m) => m[1] ?? m[2]);
}

function statusPathIn(text: string): string {
	const match = /https?:\/\/[^/\s]+(\/anliegen\/status\/[A-Za-z0-9_-]+)/.exec(text);
	if (!match) throw new Error(`no status link in mail:\n${text}`);
	return match[1];
}

describe('concerns over HTTP', () => {
	it('answers the public pages with one h1 each, 404 for unknown numbers and links, 400 for made-up filters', async () => {
		const client = new HttpClient();
		for (const path of [
			'/anliegen',
			'/anliegen/neu',
			'/anliegen/danke',
			'/anliegen?status=resolved'
		]) {
			const res = await client.get(path);
			expect(res.status, path).toBe(200);
			expect(h1Count(res.body), path).toBe(1);
		}
		expect(await categoryIds(client)).toHaveLength(8);
		for (const path of [
			'/anliegen/KAS-1999-0001',
			'/anliegen/unsinn',
			'/anliegen/status/abc',
			`/anliegen/status/${'x'.repeat(43)}`
		]) {
			expect((await client.get(path)).status, path).toBe(404);
		}
		const bad = await client.get('/anliegen?kategorie=gibtsnicht');
		expect(bad.status).toBe(400);
		expect(mainText(bad.body)).toContain('Diese Auswahl gibt es nicht.');
		// Staff pages are not for visitors.
		expect((await client.get('/verwaltung/anliegen')).status).toBe(303);
		const resident = await HttpClient.as('resident');
		expect((await resident.get('/verwaltung/anliegen')).status).toBe(403);
	});

	it('refuses a bad post with 400 and German messages, and one without CSRF token', async () => {
		const client = new HttpClient();
		const res = await client.submit('/anliegen/neu', {
			category: '',
			description: 'kurz',
			visibility: 'alle'
		});
		expect(res.status).toBe(400);
		const text = mainText(res.body);
		expect(text).toContain(
			'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.'
		);
		expect(text).toContain('„Beschreibung“ muss mindestens 10 Zeichen lang sein.');
		expect(text).toContain(
			'Bitte wählen Sie bei „Wer darf Ihr Anliegen sehen?“ eine der angebotenen Möglichkeiten.'
		);
		const [category] = await categoryIds(client);
		const forged = await client.post(
			'/anliegen/neu',
			{ category, description: 'Ein Anliegen ohne Token.', visibility: 'public' },
			{ csrf: false }
		);
		expect(forged.status).toBe(403);
	});

	it('keeps a private concern off every public page, and shows a public one with the staff answer behind the status link', async () => {
		const visitor = new HttpClient();
		const [category] = await categoryIds(visitor);
		const marker = `M${Date.now()}`;
		const email = `anliegen-${marker.toLowerCase()}@besucher.example`;
		const secret = await visitor.submit('/anliegen/neu', {
			category,
			description: `Privat ${marker}: Ärger mit dem Vermieter wegen Schimmel.`,
			visibility: 'private',
			name: `Geheim ${marker}`,
			email: `geheim-${marker.toLowerCase()}@besucher.example`,
			phone: '0170 5550001'
		});
		expect(secret.status).toBe(303);
		const secretNumber = /nr=(KAS-\d{4}-\d{4,})/.exec(secret.location)![1];
		const open = await visitor.submit('/anliegen/neu', {
			category,
			description: `Öffentlich ${marker}: Die Bank am Spielplatz ist kaputt.`,
			address: 'Spielplatz am Bach',
			visibility: 'public',
			name: `Erika ${marker}`,
			email
		});
		expect(open.status).toBe(303);
		const thanks = await visitor.get(open.location);
		const number = /KAS-\d{4}-\d{4,}/.exec(mainText(thanks.body))![0];

		const list = await visitor.get('/anliegen');
		expect(list.body).toContain(`Öffentlich ${marker}`);
		for (const hidden of [`Privat ${marker}`, secretNumber, `Erika ${marker}`, email, 'Geheim']) {
			expect(list.body).not.toContain(hidden);
		}
		expect((await visitor.get(`/anliegen/${secretNumber}`)).status).toBe(404);

		// Staff answer and resolve it.
		const staff = await HttpClient.as('concerns');
		const inbox = await staff.get(`/verwaltung/anliegen?q=${number}`);
		const id = new RegExp(`/verwaltung/anliegen/(\\d+)">${number}`).exec(inbox.body)![1];
		const detail = await staff.get(`/verwaltung/anliegen/${id}`);
		expect(mainText(detail.body)).toContain(email);
		await postOk(staff, `/verwaltung/anliegen/${id}?/note`, { note: `Intern ${marker}` });
		await postOk(staff, `/verwaltung/anliegen/${id}?/status`, {
			status: 'resolved',
			message: `Die Bank ist repariert ${marker}.`
		});
		const refused = await staff.post(`/verwaltung/anliegen/${id}?/status`, { status: 'in_review' });
		expect(refused.status).toBe(409);
		expect(mainText(refused.body)).toContain(
			'Von hier aus kann das Anliegen nicht auf „In Prüfung“ gesetzt werden.'
		);

		const page = mainText((await visitor.get(`/anliegen/${number}`)).body);
		expect(page).toContain(`Die Bank ist repariert ${marker}.`);
		expect(page).toContain('Erledigt');
		expect(page).not.toContain(`Intern ${marker}`);
		expect(page).not.toContain(`Erika ${marker}`);

		const mail = await waitForMail(
			(m) => m.to.includes(email) && m.subject.startsWith('Antwort zu Ihrem Anliegen')
		);
		const status = await visitor.get(statusPathIn(mail.text));
		expect(status.status).toBe(200);
		expect(status.headers.get('cache-control') ?? '').not.toContain('public');
		const statusText = mainText(status.body);
		expect(statusText).toContain(number);
		expect(statusText).toContain(`Die Bank ist repariert ${marker}.`);
		expect(statusText).not.toContain(`Intern ${marker}`);
	});
});
