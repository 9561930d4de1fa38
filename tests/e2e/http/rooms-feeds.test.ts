import { describe, expect, it } from 'vitest';
import { HttpClient, mainText } from '../http';

/**
 * The rooms' calendar feeds against the built server: the public busy-time feed per room and
 * the staff's personal feed behind a capability link (made on /verwaltung/raeume/kalender).
 * The feeds' contents are checked in-process (room-feeds.test.ts).
 */

const FEED_LINK = /\/raeume\/kalender\.ics\?token=([A-Za-z0-9_-]{43})/;

/** RFC 5545: every line ends in CRLF, no bare CR or LF, no line over 75 octets. */
function expectCalendarLines(body: string) {
	expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
	expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
	const lines = body.slice(0, -2).split('\r\n');
	for (const line of lines) {
		expect(line).not.toMatch(/[\r\n]/);
		expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
	}
}

describe('room calendar feeds over HTTP', () => {
	it('serves a room’s public busy times as a calendar, linked from the room page', async () => {
		const client = new HttpClient();
		expect((await client.get('/raeume/gruppenraum')).body).toContain(
			'href="/raeume/gruppenraum/belegung.ics"'
		);
		const res = await client.get('/raeume/gruppenraum/belegung.ics', { accept: '*/*' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(res.headers.get('content-disposition')).toBe('inline; filename="gruppenraum.ics"');
		expect(res.headers.get('cache-control')).toBe('public, max-age=300');
		expectCalendarLines(res.body);
		expect(res.body).toContain('X-WR-CALNAME:Gruppenraum – Belegung\r\n');
		expect(res.body).not.toContain('@example.org');
		expect((await client.get('/raeume/keller/belegung.ics', { accept: '*/*' })).status).toBe(404);
	});

	it('gives staff a personal feed link; a new link ends the old one', async () => {
		const staff = await HttpClient.as('rooms');
		const page = await staff.get('/verwaltung/raeume/kalender');
		expect(page.status).toBe(200);
		expect(mainText(page.body)).toContain('Neuen Link erstellen');

		const created = await staff.submit(
			'/verwaltung/raeume/kalender',
			{},
			'/verwaltung/raeume/kalender?/renew'
		);
		expect(created.status).toBe(200);
		const first = FEED_LINK.exec(created.body)?.[1];
		expect(first).toBeDefined();
		// Shown once: the page opened again tells only when the link was made.
		const again = await staff.get('/verwaltung/raeume/kalender');
		expect(again.body).not.toMatch(FEED_LINK);
		expect(mainText(again.body)).toMatch(/Link erstellt am/);

		const anonymous = new HttpClient();
		const feed = await anonymous.get(`/raeume/kalender.ics?token=${first}`, { accept: '*/*' });
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(feed.headers.get('cache-control')).toBe('private, no-store');
		expectCalendarLines(feed.body);
		expect(feed.body).toContain('X-WR-CALNAME:Raumbuchungen (intern)\r\n');

		const renewed = await staff.submit(
			'/verwaltung/raeume/kalender',
			{},
			'/verwaltung/raeume/kalender?/renew'
		);
		const second = FEED_LINK.exec(renewed.body)?.[1];
		expect(second).toBeDefined();
		expect(second).not.toBe(first);
		const old = await anonymous.get(`/raeume/kalender.ics?token=${first}`, { accept: '*/*' });
		expect(old.status).toBe(410);
		expect(
			(await anonymous.get(`/raeume/kalender.ics?token=${second}`, { accept: '*/*' })).status
		).toBe(200);
		for (const token of ['nonsense', 'x'.repeat(43), '']) {
			const res = await anonymous.get(`/raeume/kalender.ics?token=${token}`, { accept: '*/*' });
			expect(res.status, token).toBe(404);
		}
	});

	it('refuses the calendar page to staff without the rooms role', async () => {
		const editor = await HttpClient.as('content');
		expect((await editor.get('/verwaltung/raeume/kalender')).status).toBe(403);
		expect((await editor.post('/verwaltung/raeume/kalender?/renew', {})).status).toBe(403);
	});
});
