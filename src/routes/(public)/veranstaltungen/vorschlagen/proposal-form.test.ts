import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import type { Actor } from '$lib/server/auth/actor';
import type { Database, Db } from '$lib/server/db/client';
import { events, outboxMails } from '$lib/server/db/schema';
import { resetRateLimits } from '$lib/server/security/rate-limit';
import { seedSite } from '$lib/server/site/seed-site';
import { resetClock, setClock } from '$lib/server/time';
import { getEventForEdit } from '$lib/server/events/find-events-admin';
import { actions as proposalActions, load as proposalLoad } from './+page.server';
import { load as statusLoad } from '../vorschlag/+page.server';
import { actions as staffActions } from '../../../verwaltung/veranstaltungen/[id=id]/+page.server';
import { load as staffListLoad } from '../../../verwaltung/veranstaltungen/+page.server';

/*
 * The proposal form, the status page and the staff decisions as routes, in-process on a real
 * database: what each answers to good and bad input, and that a refusal stores nothing.
 * (CSRF is the hook's job: see tests/e2e/http/events-public.test.ts.)
 */

const NOW = new Date('2026-11-02T09:00:00Z');

describe('event proposal form and moderation actions', () => {
	let database: Database;
	let db: Db;
	let content: Actor;
	let ipCounter = 0;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		setClock(NOW);
		await seedSite(db);
		content = await createActor(db, { email: 'redaktion@example.org', roles: ['content'] });
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(() => {
		setClock(NOW);
		resetRateLimits();
	});
	afterEach(() => resetClock());

	const send = (fields: Fields, ip = `10.1.0.${++ipCounter}`) =>
		call(proposalActions.default as Handler, {
			db,
			path: '/veranstaltungen/vorschlagen',
			fields,
			ip
		});
	const good = (): Fields => ({
		title: 'Flohmarkt im Hof',
		description: 'Kinderkleidung, Bücher, Spielzeug.',
		date: '2026-11-21',
		startTime: '10:00',
		endTime: '14:00',
		repeat: 'none',
		placeName: 'Hof der Grundschule',
		placeAddress: 'Schulstraße 2',
		organiserName: 'Elternrat',
		categories: 'begegnung',
		isFree: 'on',
		submitterName: 'Erika Mustermann',
		submitterEmail: 'erika@example.org',
		website: ''
	});
	const stored = async () => {
		const [[{ e }], [{ mails }]] = await Promise.all([
			db.select({ e: count() }).from(events).where(eq(events.moderation, 'pending')),
			db.select({ mails: count() }).from(outboxMails)
		]);
		return { proposals: e, mails };
	};

	it('shows the form to anyone', async () => {
		const page = await call(proposalLoad as Handler, { db, path: '/veranstaltungen/vorschlagen' });
		expect(page.status).toBe(200);
		expect(Object.keys(page.data?.fields as object)).toContain('submitterEmail');
		expect((page.data?.rooms as unknown[]).length).toBeGreaterThan(0);
	});

	it('stores a good proposal and sends the visitor to the private status page', async () => {
		const before = await stored();
		const answer = await send(good());
		expect(answer.status).toBe(303);
		expect(answer.location).toMatch(/^\/veranstaltungen\/vorschlag\?token=[\w-]{43}&neu=mail$/);
		const after = await stored();
		expect(after.proposals).toBe(before.proposals + 1);
		expect(after.mails).toBeGreaterThan(before.mails);

		const status = await call(statusLoad as Handler, { db, path: answer.location! });
		expect(status.status).toBe(200);
		expect(status.data).toMatchObject({
			justSent: true,
			noMail: false,
			proposal: { title: 'Flohmarkt im Hof', moderation: 'pending' }
		});
		const withoutMail = await send({ ...good(), submitterEmail: '' });
		expect(withoutMail.location).toMatch(/&neu=ohne-mail$/);
		const page = await call(statusLoad as Handler, { db, path: withoutMail.location! });
		expect(page.data).toMatchObject({ noMail: true });
	});

	it('answers a tampered or missing status link with 404, never a 500', async () => {
		for (const path of [
			'/veranstaltungen/vorschlag',
			'/veranstaltungen/vorschlag?token=abc',
			`/veranstaltungen/vorschlag?token=${'A'.repeat(43)}`,
			"/veranstaltungen/vorschlag?token=' or 1=1 --"
		]) {
			expect((await call(statusLoad as Handler, { db, path })).status, path).toBe(404);
		}
	});

	it('refuses bad input with 400, German messages and the input kept; stores nothing', async () => {
		const before = await stored();
		const empty = await send({});
		expect(empty.status).toBe(400);
		expect(empty.errors?.title).toMatch(/^Bitte füllen Sie das Feld „Titel“ aus/);
		expect(empty.errors?.submitterName).toBeDefined();

		const huge = await send({ ...good(), description: 'x'.repeat(1_000_000) });
		expect(huge.status).toBe(400);
		expect(huge.errors?.description).toMatch(/höchstens 5000 Zeichen/);

		const past = await send({ ...good(), date: '2026-10-01' });
		expect(past.status).toBe(400);
		expect(past.errors?.date).toMatch(/Vergangenheit/);
		expect(past.values?.title).toBe('Flohmarkt im Hof');

		const noPlace = await send({ ...good(), placeName: '' });
		expect(noPlace.status).toBe(400);
		expect(noPlace.errors?.placeName).toBeDefined();

		const badMail = await send({ ...good(), submitterEmail: 'erika(at)example' });
		expect(badMail.status).toBe(400);
		expect(badMail.errors?.submitterEmail).toMatch(/E-Mail-Adresse/);
		expect(await stored()).toEqual(before);
	});

	it('drops a proposal with the honeypot filled, looking like success', async () => {
		const before = await stored();
		expect(await send({ ...good(), website: 'http://spam.example' })).toEqual({
			status: 303,
			location: '/veranstaltungen/vorschlagen/danke'
		});
		expect(await stored()).toEqual(before);
	});

	it('limits posts per address with a German 429', async () => {
		const ip = '192.0.2.91';
		for (let i = 0; i < 10; i += 1) expect((await send({}, ip)).status).toBe(400);
		const limited = await send(good(), ip);
		expect(limited.status).toBe(429);
		expect(limited.errors?._form).toMatch(/^Sie haben in kurzer Zeit sehr viele Anfragen/);
	});

	it('lets staff reject (reason required) and publish from the event page, once', async () => {
		await send({ ...good(), title: 'Zu entscheiden' });
		const [proposal] = await db
			.select({ id: events.id })
			.from(events)
			.where(eq(events.title, 'Zu entscheiden'));
		const path = `/verwaltung/veranstaltungen/${proposal.id}`;
		const params = { id: String(proposal.id) };
		const staff = (name: 'publish' | 'reject' | 'save', fields: Fields = {}) =>
			call(staffActions[name] as Handler, { db, actor: content, path, params, fields });

		const short = await staff('reject', { reason: 'Nö' });
		expect(short.status).toBe(400);
		expect(short.errors?.reason).toMatch(/mindestens 5 Zeichen/);
		expect(short.data?.moderation).toBe(true);

		const list = await call(staffListLoad as Handler, {
			db,
			actor: content,
			path: '/verwaltung/veranstaltungen?ansicht=vorschlaege'
		});
		expect(list.data).toMatchObject({ view: 'proposals' });
		expect(
			(list.data?.list as { rows: { id: number }[] }).rows.some((r) => r.id === proposal.id)
		).toBe(true);
		const unknownTab = await call(staffListLoad as Handler, {
			db,
			actor: content,
			path: '/verwaltung/veranstaltungen?ansicht=quatsch'
		});
		expect(unknownTab.status).toBe(404);

		// Edited first with the normal form: back on the proposal, still pending.
		const { values } = await getEventForEdit(db, { actor: content, id: proposal.id });
		// As a browser sends it: an unticked checkbox group sends nothing.
		const sent = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
		const saved = await staff('save', { ...sent, title: 'Zu entscheiden (bearbeitet)' });
		expect(saved.errors, JSON.stringify(saved.errors)).toBeUndefined();
		expect(saved).toEqual({
			status: 303,
			location: `/verwaltung/veranstaltungen/${proposal.id}?gespeichert=1#vorschlag`
		});

		expect(await staff('publish')).toEqual({
			status: 303,
			location: '/verwaltung/veranstaltungen?ansicht=vorschlaege&gespeichert=1'
		});
		const again = await staff('reject', { reason: 'Doch nicht.' });
		expect(again.status).toBe(409);
		expect(again.errors?._form).toMatch(/schon veröffentlicht/);

		const anonymous = await call(staffActions.publish as Handler, { db, path, params, fields: {} });
		expect(anonymous.status).toBe(303);
		expect(anonymous.location).toMatch(/^\/anmelden/);
	});
});
