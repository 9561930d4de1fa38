import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { HttpClient } from '../http';

/**
 * The JSON API against the built server: what a client sees, including every refusal. The rules
 * and the concurrency proof are use-case tests (src/lib/server/rooms/request-booking.test.ts).
 */

/** A Tuesday about half a year ahead, 09:00–10:00 in Berlin: free in the shared server's data. */
function slot(hourOffset = 0) {
	let day = Temporal.Now.plainDateISO('Europe/Berlin').add({ days: 180 });
	while (day.dayOfWeek !== 2) day = day.add({ days: 1 });
	const at = (hour: number) =>
		day
			.toZonedDateTime({ timeZone: 'Europe/Berlin', plainTime: { hour: hour + hourOffset } })
			.toString({ timeZoneName: 'never' });
	return { day: day.toString(), start: at(9), end: at(10) };
}

async function api(path: string, init: RequestInit = {}) {
	const client = new HttpClient();
	const res = await fetch(client.baseUrl + path, init);
	const text = await res.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: res.status, headers: res.headers, body: body as Record<string, unknown> };
}

const postJson = (body: unknown) =>
	api('/api/v1/bookings', {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'accept-language': 'de' },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});

describe('JSON API /api/v1', () => {
	it('lists the rooms and describes itself', async () => {
		const rooms = await api('/api/v1/rooms');
		expect(rooms.status).toBe(200);
		expect(rooms.headers.get('cache-control')).toBe('no-store');
		const list = rooms.body as unknown as { id: number; slug: string; capacity: number }[];
		expect(list.map((r) => r.slug)).toEqual(['grosser-saal', 'gruppenraum', 'kreativraum']);
		const doc = await api('/api/v1/openapi.json');
		expect(doc.status).toBe(200);
		expect(doc.body.openapi).toBe('3.1.0');
		expect(Object.keys(doc.body.paths as object)).toEqual([
			'/events',
			'/events/{slug}',
			'/rooms',
			'/rooms/{id}/availability',
			'/bookings'
		]);
	});

	it('takes a request (201), refuses the same time (409, naming it), and shows it as busy', async () => {
		const rooms = (await api('/api/v1/rooms')).body as unknown as { id: number; slug: string }[];
		const room = rooms.find((r) => r.slug === 'kreativraum')!;
		const { day, start, end } = slot();
		const request = {
			roomId: room.id,
			start,
			end,
			purpose: 'Reparaturcafé',
			attendees: 8,
			name: 'Erika Muster',
			email: 'api-erika@example.org',
			organisation: 'Repair-Team',
			showOrganisation: true,
			acceptTerms: true
		};
		const created = await postJson(request);
		expect(created.status, JSON.stringify(created.body)).toBe(201);
		expect(created.body).toMatchObject({
			status: 'pending',
			reference: expect.stringMatching(/^RAUM-\d{4}-\d{4}$/)
		});
		expect(String(created.body.statusUrl)).toMatch(/\/raeume\/anfrage\?token=[\w-]{43}$/);

		const again = await postJson({ ...request, email: 'api-zweite@example.org' });
		expect(again.status).toBe(409);
		expect((again.body.error as { message: string }).message).toMatch(
			/^Der Raum ist am .+, 09:00–10:15 schon belegt\./
		);

		const busy = await api(`/api/v1/rooms/${room.id}/availability?from=${day}&to=${day}`);
		expect(busy.status).toBe(200);
		// The Kreativraum keeps 15 minutes for tidying up; times carry their offset.
		expect(busy.body.busy).toEqual([
			{ start: start, end: slot(1).start.replace(':00:00', ':15:00') }
		]);
		expect(JSON.stringify(busy.body)).not.toMatch(/Erika|api-erika|Repair/);
	});

	it('answers bad input with 4xx and a German message per field, never 500', async () => {
		const { start, end } = slot(2);
		const good = {
			roomId: 1,
			start,
			end,
			purpose: 'Treffen',
			attendees: 5,
			name: 'Max',
			email: 'max@example.org',
			acceptTerms: true
		};
		const cases: [unknown, number, string | null][] = [
			[{}, 422, 'roomId'],
			[{ ...good, roomId: 'eins' }, 422, 'roomId'],
			[{ ...good, roomId: 999999 }, 422, 'roomId'],
			[{ ...good, start: '2026-13-45T09:00' }, 422, 'start'],
			[{ ...good, start: start.slice(0, 16) }, 422, 'start'],
			[{ ...good, end: start }, 422, 'end'],
			[{ ...good, attendees: true }, 422, 'attendees'],
			[{ ...good, attendees: 5000 }, 422, 'attendees'],
			[{ ...good, attendees: 1.5 }, 422, 'attendees'],
			[{ ...good, email: "x' OR 1=1 --" }, 422, 'email'],
			[{ ...good, name: '<script>alert(1)</script>'.repeat(10) }, 422, 'name'],
			[{ ...good, purpose: 'ä'.repeat(501) }, 422, 'purpose'],
			[{ ...good, acceptTerms: false }, 422, 'acceptTerms'],
			[{ ...good, showOrganisation: 'ja' }, 422, 'showOrganisation'],
			[[good], 400, null],
			['{"roomId": 1,', 400, null],
			['x'.repeat(20_000), 413, null]
		];
		for (const [body, status, fieldName] of cases) {
			const res = await postJson(body);
			expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
			const error = res.body.error as { message: string; fields?: Record<string, string> };
			expect(error.message.length).toBeGreaterThan(10);
			if (fieldName) expect(error.fields?.[fieldName], fieldName).toMatch(/[a-zäöüß]{3}/i);
		}
		const form = await api('/api/v1/bookings', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'roomId=1'
		});
		// A form post is no API call: the CSRF check refuses it before anything else.
		expect(form.status).toBe(403);
		const asText = await api('/api/v1/bookings', {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: JSON.stringify(good)
		});
		expect(asText.status).toBe(403);

		const bad = await api('/api/v1/rooms/1/availability?from=2026-02-30&to=2026-03-01');
		expect(bad.status).toBe(422);
		expect((bad.body.error as { fields: Record<string, string> }).fields.from).toContain(
			'JJJJ-MM-TT'
		);
		const long = await api('/api/v1/rooms/1/availability?from=2026-01-01&to=2027-01-01');
		expect(long.status).toBe(422);
		expect(
			(await api('/api/v1/rooms/999999/availability?from=2026-01-01&to=2026-01-02')).status
		).toBe(404);
		expect((await api('/api/v1/rooms/abc/availability?from=2026-01-01&to=2026-01-02')).status).toBe(
			404
		);
		// Nothing of the bad requests was stored: the good slot is still free.
		const { day } = slot(2);
		const free = await api(`/api/v1/rooms/1/availability?from=${day}&to=${day}`);
		expect(free.body.busy).toEqual([]);
	});
});
