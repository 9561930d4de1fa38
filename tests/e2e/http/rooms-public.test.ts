import { describe, expect, it } from 'vitest';
import { formValues, HttpClient, mainText } from '../http';
import { addDays, futureWeekday } from '../rooms-support';
import { linkPath, waitForMail } from '../support';

/**
 * Room booking for visitors without JavaScript, against the built server: the pages, the
 * two-step request (check, then send), the mail with its links, the status page and the cancel
 * link. The bad-input matrix is in-process (request-form.test.ts); the templates are checked
 * with axe in the browser (rooms-public). This file uses the Kreativraum (open weekdays
 * 09:00–20:00, 12 people), the browser journey the Gruppenraum.
 */

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;

describe('room booking over HTTP', () => {
	it('answers the public pages with one h1 each, and 404 for an unknown room or link', async () => {
		const client = new HttpClient();
		const date = futureWeekday(2, 21);
		for (const path of [
			'/raeume',
			`/raeume?date=${date}&startTime=10:00&endTime=12:00&attendees=10`,
			'/raeume/kreativraum',
			`/raeume/kreativraum?woche=${date}`,
			'/raeume/kreativraum/anfragen',
			'/raeume/kreativraum/anfragen/danke'
		]) {
			const res = await client.get(path);
			expect(res.status, path).toBe(200);
			expect(h1Count(res.body), path).toBe(1);
		}
		const search = mainText(
			(await client.get(`/raeume?date=${date}&startTime=10:00&endTime=12:00&attendees=15`)).body
		);
		expect(search).toContain('Großer Saal für diese Zeit anfragen');
		expect(search).toMatch(/Kreativraum ?: In diesen Raum passen höchstens 12 Personen\./);
		const bad = await client.get(
			'/raeume?date=2020-01-01&startTime=10:00&endTime=09:00&attendees=10'
		);
		expect(bad.status).toBe(200);
		expect(mainText(bad.body)).toContain('„Bis“ muss nach „Von“ liegen.');
		// The seeded rooms say publicly that they are examples (until staff save them).
		expect(mainText((await client.get('/raeume/grosser-saal')).body)).toContain(
			'Diesen Raum hat die Software als Beispiel angelegt.'
		);

		for (const path of [
			'/raeume/keller',
			'/raeume/keller/anfragen',
			'/raeume/anfrage?token=abc',
			`/raeume/anfrage?token=${'x'.repeat(43)}`,
			`/raeume/anfrage/absagen?token=${'x'.repeat(43)}`
		]) {
			expect((await client.get(path)).status, path).toBe(404);
		}
	});

	it('takes a request in two steps without JavaScript; the mailed links show and cancel it once', async () => {
		const client = new HttpClient();
		const date = futureWeekday(3, 28, 2);
		const email = `raum-${Date.now()}@besucher.example`;
		const fields = {
			date,
			startTime: '16:00',
			endTime: '18:00',
			repeat: 'weekly',
			interval: '2',
			until: addDays(date, 14),
			purpose: 'Reparaturcafé',
			attendees: '8',
			name: 'Erika Muster',
			email,
			phone: '',
			organisation: 'Repair-Café Kaster',
			showOrganisation: 'on',
			acceptRules: 'on'
		};
		// Someone holds the second Wednesday already.
		const other = await new HttpClient().submit(
			'/raeume/kreativraum/anfragen',
			{ ...fields, repeat: 'once', date: addDays(date, 7), email: 'andere@besucher.example' },
			'/raeume/kreativraum/anfragen?/senden'
		);
		expect(other.status, mainText(other.body)).toBe(303);

		const checked = await client.submit(
			'/raeume/kreativraum/anfragen',
			fields,
			'/raeume/kreativraum/anfragen?/pruefen'
		);
		expect(checked.status).toBe(200);
		const preview = mainText(checked.body);
		expect(preview).toContain('2 von 3 Terminen frei.');
		expect(preview).toMatch(/16:00–18:00 ?: belegt/);
		const again = formValues(checked.body);
		expect(again).toMatchObject({ name: 'Erika Muster', acceptedUnavailable: addDays(date, 7) });

		const sent = await client.post('/raeume/kreativraum/anfragen?/senden', again);
		expect(sent).toMatchObject({ status: 303, location: '/raeume/kreativraum/anfragen/danke' });
		const mail = await waitForMail((m) => m.to.includes(email));
		expect(mail.subject).toMatch(/^Ihre Raumanfrage RAUM-\d{4}-\d{4}: Kreativraum$/);

		const statusPath = linkPath(mail.text, '/raeume/anfrage');
		const status = await client.get(statusPath);
		expect(status.status).toBe(200);
		expect(status.body).toContain('<meta name="robots" content="noindex"');
		expect(status.body).toContain('<meta name="referrer" content="same-origin"');
		const statusText = mainText(status.body);
		expect(statusText).toContain(
			mail.subject.slice('Ihre Raumanfrage '.length, -': Kreativraum'.length)
		);
		expect(statusText).toContain('Stand Angefragt');
		expect(statusText).toMatch(/16:00–18:00 ?: angefragt/);
		expect(statusText).toMatch(/16:00–18:00 ?: belegt, nicht angefragt/);
		// Nothing the requester typed in is on the page (the link may have been forwarded).
		expect(statusText).not.toContain('Erika');

		const cancelPath = linkPath(mail.text, '/raeume/anfrage/absagen');
		const confirm = await client.get(cancelPath);
		expect(confirm.status).toBe(200);
		expect(mainText(confirm.body)).toContain('Ja, Anfrage absagen');
		const cancelled = await client.post(cancelPath, {});
		expect(cancelled).toMatchObject({ status: 303, location: '/raeume/anfrage/absagen/erledigt' });
		expect(mainText((await client.get(cancelled.location)).body)).toContain(
			'Ihre Anfrage ist abgesagt'
		);
		const twice = await client.post(cancelPath, {});
		expect(twice.status).toBe(410);
		expect(mainText(twice.body)).toContain(
			'Dieser Link wurde bereits benutzt und gilt nur einmal.'
		);
		expect((await client.get(cancelPath)).status).toBe(410);
		expect(mainText((await client.get(statusPath)).body)).toContain('Stand Abgesagt');
		// Answering a proposal that is not (or no longer) there changes nothing; a made-up or
		// tampered token is a 404 page, not a form message.
		const token = new URL(statusPath, 'http://x').searchParams.get('token')!;
		const late = await client.post(`/raeume/anfrage?/annehmen&token=${token}`, {});
		expect(late.status).toBe(409);
		expect(mainText((await client.get(statusPath)).body)).toContain('Stand Abgesagt');
		const forged = await client.post(`/raeume/anfrage?/annehmen&token=${'x'.repeat(43)}`, {});
		expect(forged.status).toBe(404);
		const missing = await client.post('/raeume/anfrage?/ablehnen', {});
		expect(missing.status).toBe(404);

		// The first date is free again; the other group's date is still taken (with the tidy-up).
		const weekOf = async (day: string) =>
			mainText((await client.get(`/raeume/kreativraum?woche=${day}`)).body);
		expect(await weekOf(date)).not.toContain('16:00–18:15 belegt');
		expect(await weekOf(addDays(date, 7))).toContain('16:00–18:15 belegt');
	});
});
