import { beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { useRoomsTestSetup } from '$tests/helpers/rooms';
import { createBookingRequest } from '$tests/factories';
import type { Actor } from '$lib/server/auth/actor';
import type { Db } from '$lib/server/db/client';
import { auditLog, bookingRequests, bookings, outboxMails } from '$lib/server/db/schema';
import { actions } from './+page.server';
import { load as weekLoad } from '../../plan/woche/+page.server';

/*
 * The cancel and note forms of a room request, called in-process: bad input answers 400 with
 * the field's German message and writes nothing; the wrong staff get 403.
 */

const NOW = new Date('2026-11-02T09:00:00Z');

describe('back office: cancelling a room request and its internal note', () => {
	const setup = useRoomsTestSetup(NOW);
	let db: Db;
	let rooms: Actor;
	let content: Actor;
	beforeAll(() => ({ db, roomsStaff: rooms, contentStaff: content } = setup));

	const path = (id: number) => `/verwaltung/raeume/anfragen/${id}`;
	const act = (name: 'cancel' | 'note', id: number, fields: Fields, actor = rooms) =>
		call(actions[name] as Handler, {
			db,
			actor,
			path: `${path(id)}?/${name}`,
			params: { id: String(id) },
			fields
		});
	const datesOf = async (id: number) =>
		(
			await db
				.select({ status: bookings.status })
				.from(bookings)
				.where(eq(bookings.requestId, id))
				.orderBy(asc(bookings.startsAt))
		).map((d) => d.status);
	const mails = async () => (await db.select({ n: count() }).from(outboxMails))[0].n;
	const audits = async () => (await db.select({ n: count() }).from(auditLog))[0].n;
	const noteOf = async (id: number) =>
		(
			await db
				.select({ note: bookingRequests.internalNote })
				.from(bookingRequests)
				.where(eq(bookingRequests.id, id))
		)[0].note;

	it('refuses an empty or huge message and a missing confirmation; then cancels', async () => {
		const { id } = await createBookingRequest(db);
		const before = await mails();
		const empty = await act('cancel', id, { cancelMessage: '  ', confirm: 'on' });
		expect(empty.status).toBe(400);
		expect(empty.errors?.cancelMessage).toBe(
			'Bitte füllen Sie das Feld „Nachricht an die anfragende Person“ aus.'
		);
		expect(empty.data?.form).toBe('cancel');
		const huge = await act('cancel', id, { cancelMessage: 'x'.repeat(100_000), confirm: 'on' });
		expect(huge.status).toBe(400);
		expect(huge.errors?.cancelMessage).toBe(
			'„Nachricht an die anfragende Person“ darf höchstens 2000 Zeichen lang sein.'
		);
		const unconfirmed = await act('cancel', id, { cancelMessage: 'Der Saal wird gebraucht.' });
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.errors?.confirm).toBeTruthy();
		expect(await datesOf(id)).toEqual(['pending']);
		expect(await mails()).toBe(before);

		expect(
			await act('cancel', id, { cancelMessage: 'Der Saal wird gebraucht.', confirm: 'on' })
		).toEqual({ status: 303, location: `${path(id)}?gespeichert=1` });
		expect(await datesOf(id)).toEqual(['cancelled']);
		expect(await mails()).toBeGreaterThan(before);
	});

	it('refuses a huge note; keeps script tags as plain text', async () => {
		const { id } = await createBookingRequest(db);
		const huge = await act('note', id, { internalNote: 'x'.repeat(5001) });
		expect(huge.status).toBe(400);
		expect(huge.errors?.internalNote).toMatch(/höchstens 5000 Zeichen/);
		expect(await noteOf(id)).toBe('');

		const script = '<script>alert(1)</script> Schlüssel im Büro';
		expect(await act('note', id, { internalNote: script })).toEqual({
			status: 303,
			location: `${path(id)}?gespeichert=1`
		});
		// Stored as typed: Svelte escapes it on the page, and no mail carries it.
		expect(await noteOf(id)).toBe(script);
	});

	it('answers other staff with 403 and unknown requests with 404, writing nothing', async () => {
		const { id } = await createBookingRequest(db);
		const before = await audits();
		expect(
			(await act('cancel', id, { cancelMessage: 'Nein', confirm: 'on' }, content)).status
		).toBe(403);
		expect((await act('note', id, { internalNote: 'geheim' }, content)).status).toBe(403);
		expect(await datesOf(id)).toEqual(['pending']);
		expect(await noteOf(id)).toBe('');
		expect(await audits()).toBe(before);
		expect((await act('cancel', 999_999, { cancelMessage: 'Nein', confirm: 'on' })).status).toBe(
			404
		);
		expect((await act('note', 999_999, { internalNote: 'a' })).status).toBe(404);
	});

	it('shows the week plan by its Monday with prev/next; other values 404; other staff 403', async () => {
		const week = (query: string, actor = rooms) =>
			call(weekLoad as Handler, { db, actor, path: `/verwaltung/raeume/plan/woche${query}` });
		const answer = await week('?woche=2026-11-16');
		expect(answer.status).toBe(200);
		const data = answer.data as { previous: string; next: string; thisWeek: string };
		expect([data.previous, data.next, data.thisWeek]).toEqual([
			'2026-11-09',
			'2026-11-23',
			'2026-11-02'
		]);
		expect((await week('')).status).toBe(200);
		for (const bad of ['2026-11-17', '2026-02-30', 'letzte', '16.11.2026', '<script>']) {
			expect((await week(`?woche=${encodeURIComponent(bad)}`)).status, bad).toBe(404);
		}
		expect((await week('?woche=2026-11-16', content)).status).toBe(403);
	});
});
