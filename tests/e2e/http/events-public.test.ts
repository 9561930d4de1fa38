import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { expectParsersAgree } from '$tests/helpers/ics-parsers';
import { mainText } from '../http';
import { baseUrl } from '../support';

/**
 * The public calendar against the built server (seeded with Kaster's five example events): the
 * list and its filter URLs, an event page with its JSON-LD, a group page, the feeds (parsed with
 * ical.js) with ETag/304, and bad query parameters answered with 400. The rules behind them
 * (recurrence, filters, full text) are use-case tests (src/lib/server/events).
 */

const get = (path: string, headers: Record<string, string> = {}) =>
	fetch(`${baseUrl()}${path}`, { headers: { accept: 'text/html', ...headers } });

function jsonLdOf(html: string): Record<string, unknown> {
	const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
	expect(match, 'JSON-LD').not.toBeNull();
	return JSON.parse(match![1]);
}

describe('events over HTTP', () => {
	it('lists the coming events by day, with filters that are plain URLs', async () => {
		const res = await get('/veranstaltungen');
		expect(res.status).toBe(200);
		const html = await res.text();
		const text = mainText(html);
		for (const title of ['Sprachcafé', 'Seniorentreff', 'Repair-Café', 'Bewohnertreffen Kaster']) {
			expect(text).toContain(title);
		}
		expect(html).toContain('href="/veranstaltungen?kategorie=umwelt"');
		expect(html).toMatch(/<form method="GET" action="\/veranstaltungen"/);
		expect(html).toContain('href="/veranstaltungen.ics"');
		expect(html).not.toMatch(/<script\b/);

		// The results link to the events (the filter form names every organiser anyway).
		const filtered = await (await get('/veranstaltungen?kategorie=umwelt')).text();
		expect(filtered).toContain('href="/veranstaltungen/repair-cafe"');
		expect(filtered).not.toContain('href="/veranstaltungen/sprachcafe"');
		// What the GET form sends: every field, the unused ones empty.
		const form = await get(
			'/veranstaltungen?q=Deutsch&kategorie=&zielgruppe=&veranstalter=&raum=&sprache=ar&von=&bis=&kostenlos=1'
		);
		expect(form.status).toBe(200);
		const formHtml = await form.text();
		expect(formHtml).toContain('href="/veranstaltungen/sprachcafe"');
		expect(formHtml).not.toContain('href="/veranstaltungen/seniorentreff"');

		const start = mainText(await (await get('/')).text());
		expect(start).toContain('Die nächsten Veranstaltungen');
		expect(start).not.toContain('Veranstaltungskalender für den Stadtteil kommt bald');
		expect(start).toContain('Sprachcafé');
	});

	it('answers bad filters with 400 and a German message, not 500', async () => {
		for (const query of [
			'kategorie=quatsch',
			'seite=0',
			'seite=abc',
			'von=2026-13-45x',
			'raum=%3Cscript%3E',
			'q=' + 'x'.repeat(101),
			'kategorie=kultur&kategorie=sport'
		]) {
			const res = await get(`/veranstaltungen?${query}`);
			expect(res.status, query).toBe(400);
			expect(await res.text(), query).toContain('Dieser Filter ist ungültig');
		}
		expect((await get('/veranstaltungen/gibt-es-nicht')).status).toBe(404);
		expect((await get('/gruppen/gibt-es-nicht')).status).toBe(404);
		expect((await get('/veranstaltungen/gibt-es-nicht.ics', { accept: '*/*' })).status).toBe(404);
	});

	it('shows an event with its facts, schema.org data and a calendar file', async () => {
		const res = await get('/veranstaltungen/repair-cafe');
		expect(res.status).toBe(200);
		const html = await res.text();
		const text = mainText(html);
		expect(text).toContain('Repair-Café Kaster');
		expect(text).toContain('Kreativraum');
		expect(text).toMatch(/Samstag, \d{1,2}\. \w+ 20\d\d, 10:00–13:00/);
		expect(text).toContain('jeden Monat am 1. Samstag');
		expect(text).toContain('Dies ist eine Beispielveranstaltung');
		const ld = jsonLdOf(html);
		expect(ld).toMatchObject({
			'@type': 'Event',
			name: 'Repair-Café',
			eventStatus: 'https://schema.org/EventScheduled',
			eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
			isAccessibleForFree: true,
			location: { '@type': 'Place', address: { '@type': 'PostalAddress' } },
			organizer: { name: 'Repair-Café Kaster' }
		});
		expect(ld.startDate).toMatch(/^\d{4}-\d\d-\d\dT10:00:00\+0[12]:00$/);
		expect(ld.endDate).toMatch(/T13:00:00\+0[12]:00$/);
		expect(html).toContain('href="/veranstaltungen/repair-cafe.ics"');

		const group = mainText(await (await get('/gruppen/repair-cafe-kaster')).text());
		expect(group).toContain('Repair-Café Kaster');
		expect(group).toContain('Repair-Café');
		expect(group).not.toContain('Sprachcafé');
	});

	it('serves feeds that ical.js reads, with ETag, Last-Modified and 304', async () => {
		const res = await get('/veranstaltungen.ics', { accept: 'text/calendar' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const etag = res.headers.get('etag');
		expect(etag).toBeTruthy();
		expect(res.headers.get('last-modified')).toMatch(/GMT$/);
		const body = await res.text();
		expect(body).not.toMatch(/^METHOD:/m);
		for (const line of body.slice(0, -2).split('\r\n')) {
			expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		}
		const root = new ICAL.Component(ICAL.parse(body));
		for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
		try {
			const events = root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
			expect(events.map((e) => e.summary).sort()).toEqual(
				[
					'Bewohnertreffen Kaster',
					'Kindernachmittag: Basteln und Spielen',
					'Repair-Café',
					'Seniorentreff',
					'Sprachcafé'
				].sort()
			);
			const cafe = events.find((e) => e.summary === 'Sprachcafé')!;
			expect(cafe.isRecurring()).toBe(true);
			const iterator = cafe.iterator();
			const starts: Date[] = [];
			for (let next = iterator.next(); next && starts.length < 30; next = iterator.next()) {
				starts.push(next.toJSDate());
			}
			// Every Thursday at 17:00 in Kaster, winter and summer alike.
			const local = new Intl.DateTimeFormat('de-DE', {
				timeZone: 'Europe/Berlin',
				weekday: 'short',
				hour: '2-digit',
				minute: '2-digit'
			});
			for (const start of starts) expect(local.format(start)).toBe('Do., 17:00');
			for (let i = 1; i < starts.length; i++) {
				const days = (starts[i].getTime() - starts[i - 1].getTime()) / 86_400_000;
				expect(Math.round(days)).toBe(7);
			}
		} finally {
			ICAL.TimezoneService.reset();
		}

		const again = await get('/veranstaltungen.ics', {
			accept: 'text/calendar',
			'if-none-match': etag!
		});
		expect(again.status).toBe(304);
		const since = await get('/veranstaltungen.ics', {
			accept: 'text/calendar',
			'if-modified-since': res.headers.get('last-modified')!
		});
		expect(since.status).toBe(304);
		expect(since.headers.get('etag')).toBe(etag);
		const before = new Date(Date.parse(res.headers.get('last-modified')!) - 1000).toUTCString();
		expect(
			(await get('/veranstaltungen.ics', { accept: 'text/calendar', 'if-modified-since': before }))
				.status
		).toBe(200);

		// A second, independent parser expands the same dates for a year and a half.
		const window = [new Date(), new Date(Date.now() + 550 * 86_400_000)] as const;
		expect(expectParsersAgree(body, ...window).size).toBe(5);

		const perGroup = await get('/veranstaltungen.ics?veranstalter=repair-cafe-kaster', {
			accept: 'text/calendar'
		});
		expect((await perGroup.text()).match(/^SUMMARY:.*$/gm)).toEqual(['SUMMARY:Repair-Café']);
		expect((await get('/veranstaltungen.ics?kategorie=quatsch', { accept: '*/*' })).status).toBe(
			400
		);

		const one = await get('/veranstaltungen/sprachcafe.ics', { accept: 'text/calendar' });
		expect(one.status).toBe(200);
		const single = await one.text();
		expect(single.match(/BEGIN:VEVENT/g)).toHaveLength(1);
		expect(single).toMatch(/^RRULE:FREQ=WEEKLY;INTERVAL=1$/m);
		expect(single).toMatch(/^DTSTART;TZID=Europe\/Berlin:\d{8}T170000$/m);
		expect(
			expectParsersAgree(single, new Date(), new Date(Date.now() + 365 * 86_400_000)).size
		).toBe(1);
	});

	it('answers the JSON API with pages, offsets, 304s and JSON errors', async () => {
		const api = (path: string, headers: Record<string, string> = {}) =>
			fetch(`${baseUrl()}${path}`, { headers: { accept: 'application/json', ...headers } });
		const res = await api('/api/v1/events');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(res.headers.get('cache-control')).toBe('public, max-age=60');
		const etag = res.headers.get('etag')!;
		const lastModified = res.headers.get('last-modified')!;
		expect(etag).toBeTruthy();
		expect(lastModified).toMatch(/GMT$/);
		const page = await res.json();
		expect(page.items).toHaveLength(50);
		expect(page.links.next).toBe(`${baseUrl()}/api/v1/events?page=2`);
		expect(page.items[0].start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[12]:00$/);
		expect((await api('/api/v1/events', { 'if-none-match': etag })).status).toBe(304);
		expect((await api('/api/v1/events', { 'if-modified-since': lastModified })).status).toBe(304);

		const one = await api('/api/v1/events/repair-cafe');
		expect(one.status).toBe(200);
		expect(await one.json()).toMatchObject({
			slug: 'repair-cafe',
			status: 'scheduled',
			rrule: 'FREQ=MONTHLY;INTERVAL=1;BYDAY=1SA',
			url: `${baseUrl()}/veranstaltungen/repair-cafe`
		});
		const oneModified = one.headers.get('last-modified')!;
		expect(
			(await api('/api/v1/events/repair-cafe', { 'if-modified-since': oneModified })).status
		).toBe(304);

		const missing = await api('/api/v1/events/gibt-es-nicht');
		expect(missing.status).toBe(404);
		expect((await missing.json()).error.code).toBe('NOT_FOUND');
		for (const [query, field] of [
			['from=2026-02-30', 'from'],
			['page=0', 'page'],
			['category=quatsch', 'category'],
			['foo=1', 'foo'],
			['from=2026-11-10&to=2026-11-01', 'to']
		]) {
			const bad = await api(`/api/v1/events?${query}`);
			expect(bad.status, query).toBe(400);
			const body = await bad.json();
			expect(body.error.code, query).toBe('BAD_REQUEST');
			expect(body.error.fields[field], query).toMatch(/[a-zäöü]/);
		}
		const doc = await (await api('/api/v1/openapi.json')).json();
		expect(Object.keys(doc.paths)).toEqual(
			expect.arrayContaining(['/events', '/events/{slug}', '/rooms'])
		);
	});

	it('serves the Atom feed of new events, linked from the list, and lists events in the sitemap', async () => {
		const list = await (await get('/veranstaltungen')).text();
		expect(list).toContain(
			'<link rel="alternate" type="application/atom+xml" href="/veranstaltungen.atom"'
		);
		expect(list).toContain('href="/veranstaltungen/monat"');
		expect(list).toContain('href="/veranstaltungen/druck"');
		const filtered = await (await get('/veranstaltungen?kategorie=umwelt&seite=1')).text();
		expect(filtered).toContain('href="/veranstaltungen/druck?kategorie=umwelt"');

		const atom = await get('/veranstaltungen.atom', { accept: '*/*' });
		expect(atom.status).toBe(200);
		expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
		expect(atom.headers.get('last-modified')).toMatch(/GMT$/);
		const xml = await atom.text();
		expect(xml.match(/<entry>/g)).toHaveLength(5);
		expect(xml).toContain(`<link href="${baseUrl()}/veranstaltungen/repair-cafe"/>`);

		const sitemap = await (await get('/sitemap.xml', { accept: '*/*' })).text();
		expect(sitemap).toContain(`<loc>${baseUrl()}/veranstaltungen/sprachcafe</loc>`);
		expect(sitemap).toContain(`<loc>${baseUrl()}/gruppen/repair-cafe-kaster</loc>`);
	});

	it('shows a month as an accessible grid and a week or month as a printable sheet', async () => {
		const manual = { redirect: 'manual' as const };
		const to = await fetch(`${baseUrl()}/veranstaltungen/monat?kategorie=umwelt`, manual);
		expect(to.status).toBe(303);
		const location = to.headers.get('location')!;
		expect(location).toMatch(/^\/veranstaltungen\/monat\/\d{4}-\d\d\?kategorie=umwelt$/);
		expect(location.slice('/veranstaltungen/monat/'.length, -'?kategorie=umwelt'.length)).toBe(
			new Date().toISOString().slice(0, 7)
		);
		// Two weeks on: the weekly Sprachcafé has dates in that month whatever today is.
		const month = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 7);

		const res = await get(`/veranstaltungen/monat/${month}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toMatch(/<table class="month-grid[^"]*"[^>]*>\s*<caption/);
		expect(html.match(/<th scope="col"/g)).toHaveLength(7);
		expect(html).toContain('href="/veranstaltungen/sprachcafe"');
		expect(html).toMatch(/rel="prev"/);
		expect(html).toMatch(/rel="next"/);
		expect(html).not.toMatch(/<script\b/);
		const filtered = await (await get(`/veranstaltungen/monat/${month}?kategorie=umwelt`)).text();
		expect(filtered).not.toContain('href="/veranstaltungen/sprachcafe"');
		expect((await get('/veranstaltungen/monat/2026-13')).status).toBe(404);
		expect((await get('/veranstaltungen/monat?monat=quatsch')).status).toBe(400);
		expect((await get(`/veranstaltungen/monat/${month}?kategorie=quatsch`)).status).toBe(400);

		const week = await fetch(`${baseUrl()}/veranstaltungen/druck`, manual);
		expect(week.status).toBe(303);
		expect(week.headers.get('location')).toMatch(/^\/veranstaltungen\/druck\?woche=\d{4}-W\d\d$/);
		const sheet = await get(`/veranstaltungen/druck?monat=${month}`);
		expect(sheet.status).toBe(200);
		const printed = await sheet.text();
		expect(printed).toMatch(/class="event-print[ "]/);
		expect(printed).toMatch(/<svg viewBox="0 0 \d+ \d+"/);
		expect(printed).toContain(`${baseUrl()}/veranstaltungen`);
		expect(mainText(printed)).toContain('Sprachcafé');
		for (const query of ['woche=2026-W54', 'monat=2026-13', 'woche=2026-W01&monat=2026-01']) {
			expect((await get(`/veranstaltungen/druck?${query}`)).status, query).toBe(400);
		}
	});
});
