import { beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, mainText, postOk } from '../http';
import { readMails, waitForNewMail } from '../support';

/**
 * Registration against the built server, without a browser: staff switch it on in the event
 * form, a visitor signs up without JavaScript, the confirmation mail carries the cancel link and
 * the .ics, the link cancels (once), the staff CSV is for German Excel. The rules (capacity
 * under concurrency, waitlist order, bad input) are use-case tests (src/lib/server/events).
 */

const FORM = {
	date: '',
	startTime: '18:00',
	endTime: '20:00',
	repeat: 'none',
	placeName: 'Pfarrheim',
	isFree: 'on',
	registrationEnabled: 'on',
	registrationCapacity: '2',
	registrationCloses: 'start',
	registrationWaitlist: 'on'
};

describe('event registration over HTTP', () => {
	let staff: HttpClient;
	let slug: string;
	let eventId: number;

	beforeAll(async () => {
		staff = await HttpClient.as('content');
		slug = `anmeldung-http-${Date.now()}`;
		const day = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
		await staff.get('/verwaltung/veranstaltungen/neu');
		await postOk(staff, '/verwaltung/veranstaltungen/neu', {
			...FORM,
			title: 'Kochabend (HTTP)',
			slug,
			date: day
		});
		const list = await staff.get('/verwaltung/veranstaltungen');
		const match = new RegExp(
			`/verwaltung/veranstaltungen/(\\d+)"[^>]*>[^<]*Kochabend \\(HTTP\\)`
		).exec(list.body);
		expect(match, 'the new event in the staff list').not.toBeNull();
		eventId = Number(match![1]);
	});

	it('signs up without JavaScript, mails the link and the .ics, and the link cancels once', async () => {
		const visitor = new HttpClient();
		const page = await visitor.get(`/veranstaltungen/${slug}`);
		expect(page.status).toBe(200);
		expect(mainText(page.body)).toContain('Noch 2 Plätze frei');
		expect(page.body).toContain(`href="/veranstaltungen/${slug}/anmelden?termin=`);
		const form = /href="(\/veranstaltungen\/[^"]+\/anmelden\?termin=\d+)"/.exec(page.body)![1];

		const bad = await visitor.submit(form, { name: '', email: 'nicht-gueltig', persons: '99' });
		expect(bad.status).toBe(400);
		expect(mainText(bad.body)).toContain('Bitte füllen Sie das Feld „Name“ aus.');

		const before = readMails().length;
		const email = `anmeldung-${Date.now()}@example.org`;
		const sent = await visitor.submit(form, {
			name: 'Aylin <b>Demir</b>',
			email,
			persons: '2',
			note: ''
		});
		expect(sent.status).toBe(303);
		expect(sent.location).toBe(`/veranstaltungen/${slug}/anmelden/danke`);
		const mail = await waitForNewMail(before, (m) => m.to.includes(email));
		expect(mail.subject).toBe('Anmeldung bestätigt: Kochabend (HTTP)');
		expect(mail.raw).toMatch(/Content-Type: text\/calendar/i);
		const link =
			/https?:\/\/[^/\s]+(\/veranstaltungen\/anmeldung\/absagen\/[A-Za-z0-9_-]{43})/.exec(
				// A mail with an attachment is multipart: its text part is still quoted-printable.
				mail.raw.replace(/=\r?\n/g, '')
			)![1];

		expect(mainText((await visitor.get(`/veranstaltungen/${slug}`)).body)).toContain(
			'Ausgebucht – Warteliste möglich'
		);

		const confirm = await visitor.get(link);
		expect(confirm.status).toBe(200);
		expect(confirm.headers.get('cache-control') ?? '').not.toContain('public');
		expect(confirm.body).not.toContain(email);
		const cancelled = await visitor.post(
			link,
			{},
			{ csrf: confirm.body.match(/name="_csrf" value="([^"]+)"/)![1] }
		);
		expect(cancelled.status).toBe(303);
		expect(cancelled.location).toBe('/veranstaltungen/anmeldung/absagen/erledigt');
		expect((await visitor.get(link)).status).toBe(410);
		expect((await visitor.get(link.slice(0, -3) + 'AAA')).status).toBe(404);
		expect(mainText((await visitor.get(`/veranstaltungen/${slug}`)).body)).toContain(
			'Noch 2 Plätze frei'
		);
	});

	it('gives staff the CSV for German Excel, and nobody else', async () => {
		const visitor = new HttpClient();
		await visitor.submit(`/veranstaltungen/${slug}/anmelden`, {
			name: '=HYPERLINK("x")',
			email: `csv-${Date.now()}@example.org`,
			persons: '1'
		});
		const res = await fetch(
			`${staff.baseUrl}/verwaltung/veranstaltungen/${eventId}/anmeldungen.csv`,
			{
				headers: { cookie: staff.cookieHeader() }
			}
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder().decode(bytes);
		expect(csv).toContain('Termin;Status;Name;E-Mail;');
		expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
		const list = await staff.get(`/verwaltung/veranstaltungen/${eventId}/anmeldungen`);
		expect(list.status).toBe(200);
		expect(mainText(list.body)).toContain('1 von 2 Plätzen belegt');

		const rooms = await HttpClient.as('rooms');
		expect((await rooms.get(`/verwaltung/veranstaltungen/${eventId}/anmeldungen.csv`)).status).toBe(
			403
		);
		const anonymous = await new HttpClient().get(
			`/verwaltung/veranstaltungen/${eventId}/anmeldungen.csv`
		);
		expect([303, 401]).toContain(anonymous.status);
	});
});
