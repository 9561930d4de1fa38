import { beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { useRoomsTestSetup } from '$tests/helpers/rooms';
import { createBookingRequest } from '$tests/factories';
import type { Actor } from '$lib/server/auth/actor';
import type { Db } from '$lib/server/db/client';
import { bookings, outboxMails } from '$lib/server/db/schema';
import { actions, load } from './+page.server';
import { actions as moveActions, load as moveLoad } from './termine/[bookingId=id]/+page.server';
import { load as inboxLoad } from '../../+page.server';
import { load as planLoad } from '../../plan/+page.server';

/*
 * The decision forms of a room request, called in-process: what the route answers to good and
 * bad input and to the wrong staff, and that a refusal writes nothing.
 */

const NOW = new Date('2026-11-02T09:00:00Z');

describe('back office: deciding a room request', () => {
	const setup = useRoomsTestSetup(NOW);
	let db: Db;
	let rooms: Actor;
	let content: Actor;
	beforeAll(() => ({ db, roomsStaff: rooms, contentStaff: content } = setup));

	const path = (id: number) => `/verwaltung/raeume/anfragen/${id}`;
	const act = (name: 'approve' | 'decline', id: number, fields: Fields, actor = rooms) =>
		call(actions[name] as Handler, {
			db,
			actor,
			path: `${path(id)}?/${name}`,
			params: { id: String(id) },
			fields
		});
	const datesOf = (id: number) =>
		db
			.select({ id: bookings.id, status: bookings.status })
			.from(bookings)
			.where(eq(bookings.requestId, id))
			.orderBy(asc(bookings.startsAt));
	const mails = async () => (await db.select({ n: count() }).from(outboxMails))[0].n;

	it('approves leaving out a chosen date, back to the request with the flash', async () => {
		const { id } = await createBookingRequest(db, { weeks: 3 });
		const [, second] = await datesOf(id);
		const before = await mails();
		expect(await act('approve', id, { skipBookingIds: String(second.id) })).toEqual({
			status: 303,
			location: `${path(id)}?gespeichert=1`
		});
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['approved', 'skipped', 'approved']);
		expect(await mails()).toBe(before + 1);

		const page = await call(load as Handler, {
			db,
			actor: rooms,
			path: path(id),
			params: { id: String(id) }
		});
		expect(page.status).toBe(200);
		const data = page.data as {
			request: { status: string };
			dates: { status: string }[];
			history: { entries: { actionLabel: string }[] };
		};
		expect(data.request.status).toBe('approved');
		expect(data.history.entries.length).toBeGreaterThanOrEqual(2);
	});

	it('declines with a message; refuses an empty or huge one with the field’s German message', async () => {
		const { id } = await createBookingRequest(db);
		const before = await mails();
		const empty = await act('decline', id, { message: '  ' });
		expect(empty.status).toBe(400);
		expect(empty.errors?.message).toBe(
			'Bitte füllen Sie das Feld „Nachricht an die anfragende Person“ aus.'
		);
		expect(empty.data?.form).toBe('decline');
		expect((await act('decline', id, {})).status).toBe(400);
		const huge = await act('decline', id, { message: 'x'.repeat(100_000) });
		expect(huge.status).toBe(400);
		expect(huge.errors?.message).toBe(
			'„Nachricht an die anfragende Person“ darf höchstens 2000 Zeichen lang sein.'
		);
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending']);
		expect(await mails()).toBe(before);

		expect(await act('decline', id, { message: 'Leider ist der Raum schon vergeben.' })).toEqual({
			status: 303,
			location: `${path(id)}?gespeichert=1`
		});
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['declined']);
		expect(await mails()).toBe(before + 1);
	});

	it('answers forged skip ids with 400 and unknown requests with 404, never 500', async () => {
		const other = await createBookingRequest(db, { date: '2026-11-25' });
		const { id } = await createBookingRequest(db, { weeks: 2, date: '2026-12-02' });
		const [otherDate] = await datesOf(other.id);
		const file = new File(['1'], 'a.txt', { type: 'text/plain' });
		for (const skipBookingIds of ['abc', '1.5', '-3', '0', '99999999999', file]) {
			const answer = await act('approve', id, { skipBookingIds });
			expect(answer.status, String(skipBookingIds)).toBe(400);
			expect(answer.errors?.skipBookingIds).toBe(
				'Bitte wählen Sie bei „Auszulassende Termine“ eine der angebotenen Möglichkeiten.'
			);
		}
		const foreign = await act('approve', id, { skipBookingIds: String(otherDate.id) });
		expect(foreign.status).toBe(400);
		expect(foreign.errors?.skipBookingIds).toMatch(/gehört nicht zu dieser Anfrage/);
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending', 'pending']);
		expect((await datesOf(other.id)).map((d) => d.status)).toEqual(['pending']);

		expect((await act('approve', 999_999, {})).status).toBe(404);
		expect((await act('decline', 999_999, { message: 'Nein' })).status).toBe(404);
		const missing = await call(load as Handler, {
			db,
			actor: rooms,
			path: path(999_999),
			params: { id: '999999' }
		});
		expect(missing.status).toBe(404);
	});

	it('refuses staff without the rooms role with 403, and changes nothing', async () => {
		const { id } = await createBookingRequest(db);
		expect((await act('approve', id, {}, content)).status).toBe(403);
		expect((await act('decline', id, { message: 'Nein' }, content)).status).toBe(403);
		for (const [handler, p] of [
			[load, path(id)],
			[inboxLoad, '/verwaltung/raeume'],
			[planLoad, '/verwaltung/raeume/plan']
		] as const) {
			const answer = await call(handler as Handler, {
				db,
				actor: content,
				path: p,
				params: { id: String(id) }
			});
			expect(answer.status, p).toBe(403);
		}
		expect((await datesOf(id)).map((d) => d.status)).toEqual(['pending']);
	});

	it('lists open requests in the inbox and their dates in the day plan', async () => {
		await createBookingRequest(db, { date: '2026-11-25', organisation: 'Chor' });
		await createBookingRequest(db, { date: '2026-11-18', showOrganisation: false });
		const inbox = await call(inboxLoad as Handler, {
			db,
			actor: rooms,
			path: '/verwaltung/raeume'
		});
		const rows = (inbox.data as { requests: { rows: { organisation: string; dates: number }[] } })
			.requests.rows;
		expect(rows.map((r) => r.organisation)).toEqual(['Nachbarschaftshilfe Kaster', 'Chor']);
		expect(
			(
				await call(inboxLoad as Handler, {
					db,
					actor: rooms,
					path: '/verwaltung/raeume?seite=9'
				})
			).status
		).toBe(404);

		const plan = await call(planLoad as Handler, {
			db,
			actor: rooms,
			path: '/verwaltung/raeume/plan?tag=2026-11-18'
		});
		const data = plan.data as {
			previous: string;
			next: string;
			plan: { rooms: { name: string; bookings: { label: string; reference: string }[] }[] };
		};
		expect([data.previous, data.next]).toEqual(['2026-11-17', '2026-11-19']);
		const gruppenraum = data.plan.rooms.find((r) => r.name === 'Gruppenraum')!;
		// The group did not agree to be named: the plan shows the reference only.
		expect(gruppenraum.bookings).toHaveLength(1);
		expect(gruppenraum.bookings[0].label).toBe('');
		expect(gruppenraum.bookings[0].reference).toMatch(/^RAUM-2026-\d{4}$/);
		for (const tag of ['gestern', '2026-02-30']) {
			const bad = await call(planLoad as Handler, {
				db,
				actor: rooms,
				path: `/verwaltung/raeume/plan?tag=${tag}`
			});
			expect(bad.status, tag).toBe(404);
		}
	});

	describe('moving a date', () => {
		const movePath = (id: number, bookingId: number) => `${path(id)}/termine/${bookingId}`;
		const moveAct = (id: number, bookingId: number, fields: Fields, actor = rooms) =>
			call(moveActions.default as Handler, {
				db,
				actor,
				path: movePath(id, bookingId),
				params: { id: String(id), bookingId: String(bookingId) },
				fields
			});
		const timesOf = async (id: number) =>
			(
				await db
					.select({ startsAt: bookings.startsAt, roomId: bookings.roomId })
					.from(bookings)
					.where(eq(bookings.requestId, id))
			).map((b) => [b.startsAt.toISOString(), b.roomId]);

		it('shows the date with its room and times, moves it and goes back to the request', async () => {
			const { id } = await createBookingRequest(db);
			const [date] = await datesOf(id);
			const page = await call(moveLoad as Handler, {
				db,
				actor: rooms,
				path: movePath(id, date.id),
				params: { id: String(id), bookingId: String(date.id) }
			});
			expect(page.status).toBe(200);
			const data = page.data as {
				initial: Record<string, string>;
				rooms: { value: string; label: string }[];
				date: { movable: boolean };
			};
			expect(data.date.movable).toBe(true);
			expect(data.initial).toMatchObject({
				date: '2026-11-18',
				startTime: '18:00',
				endTime: '20:00'
			});
			expect(data.rooms.map((r) => r.label)).toContain('Gruppenraum (bis 20 Personen)');

			const answer = await moveAct(id, date.id, {
				roomId: data.initial.roomId,
				date: '19.11.2026',
				startTime: '9:30',
				endTime: '11 Uhr'
			});
			expect(answer).toEqual({
				status: 303,
				location: `${path(id)}?verschoben=${date.id}&gespeichert=1`
			});
			expect(await timesOf(id)).toEqual([
				['2026-11-19T08:30:00.000Z', Number(data.initial.roomId)]
			]);

			// Another request's date, or none, is not this page.
			const other = await createBookingRequest(db, { date: '2026-11-25' });
			const [foreign] = await datesOf(other.id);
			for (const bookingId of [foreign.id, 999_999]) {
				const missing = await call(moveLoad as Handler, {
					db,
					actor: rooms,
					path: movePath(id, bookingId),
					params: { id: String(id), bookingId: String(bookingId) }
				});
				expect(missing.status).toBe(404);
				expect((await moveAct(id, bookingId, { ...data.initial })).status).toBe(404);
			}
		});

		it('answers bad input with 400 and the field’s German message, changing nothing', async () => {
			const { id } = await createBookingRequest(db);
			const [date] = await datesOf(id);
			const before = await timesOf(id);
			const roomId = String(before[0][1]);
			const good = { roomId, date: '2026-11-19', startTime: '18:00', endTime: '20:00' };
			const cases: [Fields, string, string][] = [
				[{}, 'date', 'Bitte füllen Sie das Feld „Neuer Tag“ aus.'],
				[
					{ ...good, roomId: '' },
					'roomId',
					'Bitte wählen Sie bei „Raum“ eine der angebotenen Möglichkeiten.'
				],
				[
					{ ...good, roomId: '99999999999' },
					'roomId',
					'Bitte wählen Sie bei „Raum“ eine der angebotenen Möglichkeiten.'
				],
				[
					{ ...good, roomId: '999999' },
					'roomId',
					'Bitte wählen Sie bei „Raum“ eine der angebotenen Möglichkeiten.'
				],
				[{ ...good, date: '' }, 'date', 'Bitte füllen Sie das Feld „Neuer Tag“ aus.'],
				[
					{ ...good, date: '30.02.2026' },
					'date',
					'Das Datum bei „Neuer Tag“ gibt es nicht. Bitte prüfen Sie Tag und Monat.'
				],
				[
					{ ...good, date: 'morgen' },
					'date',
					'Bitte geben Sie bei „Neuer Tag“ ein Datum im Format TT.MM.JJJJ ein, zum Beispiel 29.11.2026.'
				],
				[
					{ ...good, date: '<script>alert(1)</script>' },
					'date',
					'Bitte geben Sie bei „Neuer Tag“ ein Datum im Format TT.MM.JJJJ ein, zum Beispiel 29.11.2026.'
				],
				[
					{ ...good, startTime: '<script>' },
					'startTime',
					'Bitte geben Sie bei „Von“ eine Uhrzeit im Format hh:mm ein, zum Beispiel 09:30.'
				],
				[
					{ ...good, endTime: '25:00' },
					'endTime',
					'Die Uhrzeit bei „Bis“ gibt es nicht. Stunden gehen von 0 bis 23, Minuten von 0 bis 59.'
				],
				[
					{ ...good, startTime: '20:00', endTime: '18:00' },
					'endTime',
					'„Bis“ muss nach „Von“ liegen.'
				],
				[{ ...good, date: '2026-11-01' }, 'date', 'Dieser Termin liegt in der Vergangenheit.'],
				[
					{ ...good, date: '2026-12-25' },
					'date',
					'An diesem Tag ist geschlossen: 1. Weihnachtstag.'
				]
			];
			for (const [fields, field, message] of cases) {
				const answer = await moveAct(id, date.id, fields);
				expect(answer.status, JSON.stringify(fields)).toBe(400);
				expect(answer.errors?.[field], JSON.stringify(fields)).toBe(message);
			}
			// The input comes back as typed (the page escapes it), for the form to show again.
			const typed = await moveAct(id, date.id, { ...good, date: '<script>alert(1)</script>' });
			expect(typed.values?.date).toBe('<script>alert(1)</script>');
			expect(await timesOf(id)).toEqual(before);
			expect(await mails()).toBe(1);
		});

		it('answers a taken time with 409 naming it, and other staff with 403', async () => {
			await createBookingRequest(db, { date: '2026-11-19' });
			const { id } = await createBookingRequest(db);
			const [date] = await datesOf(id);
			const before = await timesOf(id);
			const fields = {
				roomId: String(before[0][1]),
				date: '2026-11-19',
				startTime: '19:00',
				endTime: '21:00'
			};
			const taken = await moveAct(id, date.id, fields);
			expect(taken.status).toBe(409);
			expect(taken.errors?.date).toBe(
				'Der Raum ist am Donnerstag, 19. November 2026, 18:00–20:00 schon belegt (Anfrage, Buchung oder Sperre, mit Puffer). Bitte wählen Sie eine andere Zeit oder einen anderen Raum.'
			);
			expect((await moveAct(id, date.id, { ...fields, date: '2026-11-20' }, content)).status).toBe(
				403
			);
			const page = await call(moveLoad as Handler, {
				db,
				actor: content,
				path: movePath(id, date.id),
				params: { id: String(id), bookingId: String(date.id) }
			});
			expect(page.status).toBe(403);
			expect(await timesOf(id)).toEqual(before);
		});
	});
});
