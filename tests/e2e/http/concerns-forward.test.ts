import { describe, expect, it } from 'vitest';
import { HttpClient, mainText, postOk } from '../http';
import { waitForMail } from '../support';

/**
 * Forwarding over HTTP against the built server: the staff pages are for the concerns role
 * only, a forged answer link is a 404, and without the submitter's consent the body sees no
 * contact data; the answer link takes one answer (then 410) and a bad one is a German 400. The
 * matrices are in-process (src/lib/server/concerns/forward.test.ts); the journey and axe are in
 * the browser (concerns-forward).
 */

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;

describe('forwarding concerns over HTTP', () => {
	it('keeps the staff pages to the concerns role and refuses forged answer links', async () => {
		const visitor = new HttpClient();
		for (const path of ['/verwaltung/anliegen/stellen', '/verwaltung/anliegen/weiterleitungen']) {
			expect((await visitor.get(path)).status, path).toBe(303);
		}
		const resident = await HttpClient.as('resident');
		expect((await resident.get('/verwaltung/anliegen/weiterleitungen')).status).toBe(403);
		const staff = await HttpClient.as('concerns');
		const bodies = await staff.get('/verwaltung/anliegen/stellen');
		expect([bodies.status, h1Count(bodies.body)]).toEqual([200, 1]);
		expect(mainText(bodies.body)).toContain('tiefbauamt@bedburg.example');
		const bad = await staff.post('/verwaltung/anliegen/stellen?/create', {
			name: '',
			email: 'keine-adresse'
		});
		expect(bad.status).toBe(400);
		expect(mainText(bad.body)).toContain('„Name der Stelle“');
		const ledger = await staff.get('/verwaltung/anliegen/weiterleitungen');
		expect([ledger.status, h1Count(ledger.body)]).toEqual([200, 1]);
		for (const path of ['/anliegen/antwort/abc', `/anliegen/antwort/${'x'.repeat(43)}`]) {
			expect((await visitor.get(path)).status, path).toBe(404);
		}
		const forgedPost = await visitor.post(`/anliegen/antwort/${'x'.repeat(43)}`, {
			answer: 'Hallo',
			status: 'resolved'
		});
		expect(forgedPost.status).toBe(404);
	});

	it('forwards without contact data when not agreed, and takes the body’s answer once', async () => {
		const visitor = new HttpClient();
		const form = await visitor.get('/anliegen/neu');
		const category = /name="category"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="category"/.exec(
			form.body
		)!;
		const marker = `F${Date.now()}`;
		const email = `weiter-${marker.toLowerCase()}@besucher.example`;
		const sent = await visitor.submit('/anliegen/neu', {
			category: category![1] ?? category![2],
			description: `Weiterleitung ${marker}: Der Gully ist verstopft.`,
			visibility: 'public',
			name: `Erika ${marker}`,
			email
		});
		expect(sent.status).toBe(303);
		const number = /nr=(KAS-\d{4}-\d{4,})/.exec(sent.location)![1];

		const staff = await HttpClient.as('concerns');
		const inbox = await staff.get(`/verwaltung/anliegen?q=${number}`);
		const id = new RegExp(`/verwaltung/anliegen/(\\d+)">${number}`).exec(inbox.body)![1];
		const detail = await staff.get(`/verwaltung/anliegen/${id}`);
		const body = /name="body"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="body"/.exec(detail.body)!;
		const bodyId = body[1] ?? body[2];
		const tooLate = await staff.post(`/verwaltung/anliegen/${id}?/forward`, {
			body: bodyId,
			dueOn: '2001-01-01'
		});
		expect(tooLate.status).toBe(400);
		expect(mainText(tooLate.body)).toContain('Bitte wählen Sie ein Datum ab heute');
		const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
		await postOk(staff, `/verwaltung/anliegen/${id}?/forward`, { body: bodyId, dueOn: due });
		const twice = await staff.post(`/verwaltung/anliegen/${id}?/forward`, {
			body: bodyId,
			dueOn: due
		});
		expect(twice.status).toBe(409);

		const toBody = await waitForMail(
			(m) => m.text.includes(number) && m.text.includes('/anliegen/antwort/')
		);
		expect(toBody.text).toContain(`Weiterleitung ${marker}`);
		expect(toBody.text).not.toContain(email);
		expect(toBody.text).not.toContain(`Erika ${marker}`);
		const link = /https?:\/\/[^/\s]+(\/anliegen\/antwort\/[A-Za-z0-9_-]{43})/.exec(toBody.text)![1];
		const page = await visitor.get(link);
		expect(page.status).toBe(200);
		expect(page.body).not.toContain(email);
		expect(page.headers.get('cache-control') ?? '').not.toContain('public');
		const empty = await visitor.submit(link, { answer: '', status: 'sideways' });
		expect(empty.status).toBe(400);
		expect(mainText(empty.body)).toContain('„Antwort“');
		expect(
			(await visitor.post(link, { answer: 'Ohne Token', status: 'resolved' }, { csrf: false }))
				.status
		).toBe(403);
		const ok = await visitor.submit(link, {
			answer: `Gereinigt am Montag ${marker}.`,
			status: 'resolved'
		});
		expect([ok.status, ok.location]).toEqual([303, '/anliegen/antwort/erledigt']);
		const again = await visitor.post(link, { answer: 'Noch einmal', status: 'resolved' });
		expect(again.status).toBe(410);
		const gone = await visitor.get(link);
		expect(gone.status).toBe(410);
		expect(mainText(gone.body)).toContain('gilt nur einmal');

		const publicPage = mainText((await visitor.get(`/anliegen/${number}`)).body);
		expect(publicPage).toContain(`Gereinigt am Montag ${marker}.`);
		expect(publicPage).toContain('Antwort von');
		expect(publicPage).not.toContain(email);
	});
});
