import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, eventFor, type Handler } from '$tests/helpers/actions';
import { ANONYMOUS } from '$tests/helpers/actors';
import { useRoomsTestDatabase } from '$tests/helpers/rooms';
import type { Actor } from '$lib/server/auth/actor';
import type { Db } from '$lib/server/db/client';
import { resetClock, setClock } from '$lib/server/time';
import { load } from './+page.server';
import { GET } from '../bericht.csv/+server';

/*
 * The usage report page and its CSV, called in-process: bad months are a 404 (like the day plan),
 * the wrong staff is refused, and the download is a named attachment Excel opens.
 */

describe('back office: room usage report', () => {
	const setup = useRoomsTestDatabase();
	let db: Db;
	let rooms: Actor;
	let content: Actor;
	beforeAll(() => ({ db, roomsStaff: rooms, contentStaff: content } = setup));
	afterEach(() => resetClock());

	const page = (query: string, actor = rooms) =>
		call(load as Handler, { db, actor, path: `/verwaltung/raeume/bericht${query}` });
	const csv = (query: string, actor = rooms) =>
		call(GET as Handler, { db, actor, path: `/verwaltung/raeume/bericht.csv${query}` });

	it('shows the current local month by default, with the months around it', async () => {
		// 23:30 UTC on 31 December is already January in Berlin.
		setClock(new Date('2026-12-31T23:30:00Z'));
		const answer = await page('');
		expect(answer.status).toBe(200);
		expect(answer.data).toMatchObject({
			current: '2027-01',
			previous: '2026-12',
			next: '2027-02',
			report: { month: '2027-01' }
		});
	});

	it('answers 404 to a malformed month, page and CSV alike', async () => {
		for (const monat of ['2026-13', '2026-00', '2026-1', '26-10', 'Oktober', '2026-10-01']) {
			expect((await page(`?monat=${encodeURIComponent(monat)}`)).status).toBe(404);
			expect((await csv(`?monat=${encodeURIComponent(monat)}`)).status).toBe(404);
		}
	});

	it('refuses staff without the rooms role and anonymous visitors', async () => {
		expect((await page('?monat=2026-10', content)).status).toBe(403);
		expect((await csv('?monat=2026-10', content)).status).toBe(403);
		const anonymous = await csv('?monat=2026-10', ANONYMOUS);
		expect(anonymous.status).toBe(303);
		expect(anonymous.location).toMatch(/^\/anmelden\?weiter=/);
	});

	it('sends the CSV as a named UTF-8 attachment with a byte order mark', async () => {
		const response = (await (GET as Handler)(
			eventFor({ db, actor: rooms, path: '/verwaltung/raeume/bericht.csv?monat=2026-10' }) as never
		)) as Response;
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="raumbelegung-2026-10.csv"'
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes)).toMatch(/^Raum;Gruppe;Buchungen;Stunden\r\n/);
	});
});
