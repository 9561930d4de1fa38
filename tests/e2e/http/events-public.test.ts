import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { expectParsersAgree } from '$tests/helpers/ics-parsers';
import { formValues, HttpClient, mainText } from '../http';
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

		// Several categories read as a list, with a space after each comma.
		const cafe = await (await get('/veranstaltungen/sprachcafe')).text();
		const withoutComments = cafe.replace(/<!--[^>]*-->/g, '');
		expect(withoutComments).toMatch(/>Begegnung<\/a>, <a [^>]*>Bildung und Kurse</);

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
			// The five examples; other test files of the run (registration) add their own events.
			expect(events.map((e) => e.summary)).toEqual(
				expect.arrayContaining([
					'Bewohnertreffen Kaster',
					'Kindernachmittag: Basteln und Spielen',
					'Repair-Café',
					'Seniorentreff',
					'Sprachcafé'
				])
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

	it('lets the office publish a weekly event that then shows in the calendar', async () => {
		const staff = await HttpClient.as('content');
		const form = await staff.get('/verwaltung/veranstaltungen/neu');
		expect(form.status).toBe(200);
		const title = `Nähcafé ${Date.now()}`;
		// A Thursday about a year ahead, and the two after it.
		const first = new Date(Date.now() + 400 * 86_400_000);
		first.setUTCDate(first.getUTCDate() + ((4 - first.getUTCDay() + 7) % 7));
		const day = (offset: number) =>
			new Date(first.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
		const saved = await staff.post('/verwaltung/veranstaltungen/neu', {
			...formValues(form.body),
			title,
			date: day(0),
			startTime: '18:00',
			endTime: '20:00',
			repeat: 'weekly',
			placeName: 'Pfarrheim'
		});
		expect(saved.status, mainText(saved.body).slice(0, 400)).toBe(303);
		expect(saved.location).toMatch(/^\/verwaltung\/veranstaltungen\?angelegt=1/);
		expect(mainText((await staff.get('/verwaltung/veranstaltungen')).body)).toContain(title);
		const listed = await get(`/veranstaltungen?von=${day(0)}&bis=${day(14)}`);
		expect(mainText(await listed.text()).split(title).length - 1).toBe(3);
	});

	it('shows a cancelled and a moved date of a series on its page and as overrides in its feed', async () => {
		const staff = await HttpClient.as('content');
		const list = await staff.get('/verwaltung/veranstaltungen');
		const id = /href="[^"]*\/verwaltung\/veranstaltungen\/(\d+)"[^>]*>\s*Sprachcafé/.exec(
			list.body
		)?.[1];
		expect(id, 'Sprachcafé in the staff list').toBeTruthy();
		const edit = await staff.get(`/verwaltung/veranstaltungen/${id}`);
		const [first, second] = [...edit.body.matchAll(/\/termine\/(\d+)"/g)].map((m) => m[1]);
		const datePath = (occurrence: string) =>
			`/verwaltung/veranstaltungen/${id}/termine/${occurrence}`;
		const back = `/verwaltung/veranstaltungen/${id}?gespeichert=1#termine-liste`;

		const cancel = await staff.submit(
			datePath(first),
			{ reason: '<script>x</script> Ferien' },
			`${datePath(first)}?/cancel`
		);
		expect(cancel.status).toBe(303);
		expect(cancel.location).toBe(back);
		const twice = await staff.submit(datePath(first), { reason: '' }, `${datePath(first)}?/cancel`);
		expect(twice.status).toBe(409);
		expect(mainText(twice.body)).toContain('Dieser Termin ist schon abgesagt.');
		const original = formValues((await staff.get(datePath(second))).body);
		const move = await staff.submit(
			datePath(second),
			{ ...original, startTime: '18:00', endTime: '19:30', note: 'Eine Stunde später.' },
			`${datePath(second)}?/move`
		);
		expect(move.status, mainText(move.body).slice(0, 300)).toBe(303);
		expect(
			(
				await staff.post(`/verwaltung/veranstaltungen/${id}/termine/99999999?/cancel`, {
					reason: ''
				})
			).status
		).toBe(404);
		expect((await new HttpClient().get(datePath(second))).status).not.toBe(200);

		try {
			const html = await (await get('/veranstaltungen/sprachcafe')).text();
			const text = mainText(html);
			expect(text).toMatch(/Abgesagt Grund: <script>x<\/script> Ferien/);
			expect(text).toMatch(/18:00–19:30 Verlegt ursprünglich .*17:00–19:00 Eine Stunde später\./);
			expect(html).not.toContain('<script>x');
			expect(jsonLdOf(html).eventStatus).toMatch(/EventRescheduled|EventScheduled/);

			const ics = await (
				await get('/veranstaltungen/sprachcafe.ics', { accept: 'text/calendar' })
			).text();
			const root = new ICAL.Component(ICAL.parse(ics));
			const vevents = root.getAllSubcomponents('vevent');
			expect(vevents).toHaveLength(3);
			const overrides = vevents.filter((v) => v.hasProperty('recurrence-id'));
			expect(overrides.map((v) => v.getFirstPropertyValue('status')).sort()).toEqual([
				'CANCELLED',
				'CONFIRMED'
			]);
			expect(ics).toMatch(/^RECURRENCE-ID;TZID=Europe\/Berlin:\d{8}T170000$/m);
			expect(ics).toMatch(/^DTSTART;TZID=Europe\/Berlin:\d{8}T180000$/m);
			expect(new Set(vevents.map((v) => v.getFirstPropertyValue('uid'))).size).toBe(1);
		} finally {
			// Back as the other tests of the run expect the calendar.
			await staff.submit(datePath(first), {}, `${datePath(first)}?/reinstate`);
			await staff.submit(datePath(second), { ...original, note: '' }, `${datePath(second)}?/move`);
		}
		const after = await (
			await get('/veranstaltungen/sprachcafe.ics', { accept: 'text/calendar' })
		).text();
		expect(after.match(/BEGIN:VEVENT/g)).toHaveLength(1);
	});

	it('takes a proposal without JavaScript: form page, German 400, CSRF, private status page, hidden until decided', async () => {
		const list = await (await get('/veranstaltungen')).text();
		expect(list).toContain('href="/veranstaltungen/vorschlagen"');
		const visitor = new HttpClient(baseUrl());
		const page = await visitor.get('/veranstaltungen/vorschlagen');
		expect(page.status).toBe(200);
		// A plain form that posts to itself: nothing on the page needs a script.
		expect(page.body).toMatch(/<form method="post"/);
		expect(page.body).not.toMatch(/<script\b(?![^>]*application\/ld\+json)/);
		expect(mainText(page.body)).toContain('Ihre E-Mail-Adresse (freiwillig)');

		const bad = await visitor.post('/veranstaltungen/vorschlagen', { title: '<script>x</script>' });
		expect(bad.status).toBe(400);
		expect(mainText(bad.body)).toContain('Bitte füllen Sie das Feld „Ihr Name“ aus.');
		expect(bad.body).not.toContain('<script>x</script>');

		const day = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
		const fields = {
			title: 'HTTP-Vorschlag Hoffest',
			description: 'Ein Fest im Hof.',
			date: day,
			startTime: '15:00',
			endTime: '18:00',
			repeat: 'none',
			placeName: 'Hof Lindenstraße',
			organiserName: 'Hausgemeinschaft',
			submitterName: 'Erika',
			submitterEmail: ''
		};
		expect(
			(await visitor.post('/veranstaltungen/vorschlagen', fields, { csrf: false })).status
		).toBe(403);
		const sent = await visitor.post('/veranstaltungen/vorschlagen', fields);
		expect(sent.status, mainText(sent.body)).toBe(303);
		expect(sent.location).toMatch(/^\/veranstaltungen\/vorschlag\?token=[\w-]{43}&neu=ohne-mail$/);
		const status = await visitor.get(sent.location);
		expect(status.status).toBe(200);
		expect(status.headers.get('x-cache')).not.toBe('hit');
		const text = mainText(status.body);
		expect(text).toContain('Eingereicht – wird geprüft');
		expect(text).toContain('Sie erhalten deshalb keine Nachricht von uns');
		expect(text).not.toContain('Erika');
		expect((await get('/veranstaltungen/vorschlag?token=' + 'A'.repeat(43))).status).toBe(404);
		expect(mainText(await (await get('/veranstaltungen')).text())).not.toContain('HTTP-Vorschlag');

		// The office publishes it: listed on its day, and the status page says so.
		const staff = await HttpClient.as('content');
		const proposals = await staff.get('/verwaltung/veranstaltungen?ansicht=vorschlaege');
		const id = /veranstaltungen\/(\d+)"[^>]*>\s*HTTP-Vorschlag Hoffest/.exec(proposals.body)?.[1];
		expect(id, 'the proposal in the staff list').toBeTruthy();
		const detail = await staff.get(`/verwaltung/veranstaltungen/${id}`);
		expect(mainText(detail.body)).toContain('Erika');
		const published = await staff.post(`/verwaltung/veranstaltungen/${id}?/publish`, {});
		expect(published.status, mainText(published.body).slice(0, 300)).toBe(303);
		const twice = await staff.post(`/verwaltung/veranstaltungen/${id}?/publish`, {});
		expect(twice.status).toBe(409);
		const listed = await (await get(`/veranstaltungen?von=${day}&bis=${day}`)).text();
		expect(mainText(listed)).toContain('HTTP-Vorschlag Hoffest');
		expect(mainText((await visitor.get(sent.location!)).body)).toContain('Veröffentlicht');
	});
});
