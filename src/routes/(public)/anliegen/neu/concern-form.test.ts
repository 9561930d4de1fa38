import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { call, type Fields, type Handler } from '$tests/helpers/actions';
import { createTestDatabase } from '$tests/helpers/db';
import { clearConcerns } from '$tests/helpers/concerns';
import { createActor } from '$tests/helpers/users';
import type { Database, Db } from '$lib/server/db/client';
import { concerns, outboxMails } from '$lib/server/db/schema';
import { listConcernCategories } from '$lib/server/concerns/public-concerns';
import { resetRateLimits } from '$lib/server/security/rate-limit';
import { seedSite } from '$lib/server/site/seed-site';
import { resetClock, setClock } from '$lib/server/time';
import { actions, load } from './+page.server';
import { load as thanksLoad } from '../danke/+page.server';
import { load as listLoad } from '../+page.server';
import { load as detailLoad } from '../[reference]/+page.server';
import { load as statusLoad } from '../status/[token]/+page.server';

/*
 * /anliegen/neu end to end on a real database, without HTTP: what the route answers to bad
 * input (400 with German messages at the fields, nothing stored), the redirect to the thank-you
 * page, and the public pages' answers. CSRF is the hook's job (see the e2e tests).
 */

describe('the concern form and the public concern pages', () => {
	let database: Database;
	let db: Db;
	let categoryId: string;
	let ipCounter = 0;

	beforeAll(async () => {
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		categoryId = String((await listConcernCategories(db))[0].id);
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});
	beforeEach(async () => {
		// The numbers carry the year.
		setClock(new Date('2026-11-02T09:00:00Z'));
		resetRateLimits();
		await clearConcerns(db);
	});

	const send = (fields: Fields, ip = `10.1.0.${++ipCounter}`) =>
		call(actions.default as Handler, { db, path: '/anliegen/neu', fields, ip });

	async function stored() {
		const [{ n }] = await db.select({ n: count() }).from(concerns);
		const [{ mails }] = await db.select({ mails: count() }).from(outboxMails);
		return { concerns: n, mails };
	}

	const good = (): Fields => ({
		category: categoryId,
		description: 'Der Gehweg vor der Schule ist voller Scherben.',
		address: 'Schulstraße 3',
		visibility: 'public',
		name: 'Erika Mustermann',
		email: 'Erika@Example.org',
		phone: '+49 (0)170 123-4567'
	});

	it('offers the categories and stores a good concern, sending the visitor to the thank-you page', async () => {
		const page = await call(load as Handler, { db, path: '/anliegen/neu' });
		expect((page.data?.categories as unknown[]).length).toBe(8);
		expect(await send(good())).toEqual({
			status: 303,
			location: '/anliegen/danke?nr=KAS-2026-0001&mail=1'
		});
		expect(await stored()).toEqual({ concerns: 1, mails: 1 });
		const [row] = await db.select().from(concerns);
		expect(row.submitterEmail).toBe('erika@example.org');
		expect(row.consentForwardContact).toBe(false);
		const thanks = await call(thanksLoad as Handler, {
			db,
			path: '/anliegen/danke?nr=KAS-2026-0001&mail=1'
		});
		expect(thanks.data).toEqual({ reference: 'KAS-2026-0001', mailed: true });
		const forged = await call(thanksLoad as Handler, {
			db,
			path: '/anliegen/danke?nr=%3Cscript%3E'
		});
		expect(forged.data).toEqual({ reference: null, mailed: false });
	});

	it('takes an anonymous private concern (no mail, no link) with the consent box ticked', async () => {
		const result = await send({
			category: categoryId,
			description: 'Ich brauche Hilfe beim Antrag auf Wohngeld.',
			visibility: 'private',
			consentForward: 'on'
		});
		expect(result).toEqual({ status: 303, location: '/anliegen/danke?nr=KAS-2026-0001' });
		const [row] = await db.select().from(concerns);
		// Without contact data there is nothing to pass on.
		expect(row).toMatchObject({ consentContact: false, consentForwardContact: false });
		expect(await stored()).toEqual({ concerns: 1, mails: 0 });
	});

	it('refuses an empty form, naming each required field, and stores nothing', async () => {
		const result = await send({ category: '', description: '', visibility: '' });
		expect(result.status).toBe(400);
		expect(result.errors).toEqual({
			category: 'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.',
			description: 'Bitte füllen Sie das Feld „Beschreibung“ aus.',
			visibility:
				'Bitte wählen Sie bei „Wer darf Ihr Anliegen sehen?“ eine der angebotenen Möglichkeiten.'
		});
		expect((await send({})).status).toBe(400);
		expect(await stored()).toEqual({ concerns: 0, mails: 0 });
	});

	it('refuses a too short and a 1 MB description with German messages', async () => {
		let result = await send({ ...good(), description: 'kaputt' });
		expect(result.status).toBe(400);
		expect(result.errors?.description).toBe('„Beschreibung“ muss mindestens 10 Zeichen lang sein.');
		result = await send({ ...good(), description: 'x'.repeat(1_000_000) });
		expect(result.status).toBe(400);
		expect(result.errors?.description).toBe(
			'„Beschreibung“ darf höchstens 4000 Zeichen lang sein.'
		);
		expect(result.values?.description.length).toBeLessThanOrEqual(20_000);
		expect((await send({ ...good(), description: 'ä'.repeat(4000) })).status).toBe(303);
		expect(await stored()).toMatchObject({ concerns: 1 });
	});

	it('refuses wrong categories, visibilities, phones, addresses and invisible characters', async () => {
		for (const [field, value, message] of [
			[
				'category',
				'999999',
				'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.'
			],
			[
				'category',
				'1 OR 1=1',
				'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.'
			],
			[
				'visibility',
				'everyone',
				'Bitte wählen Sie bei „Wer darf Ihr Anliegen sehen?“ eine der angebotenen Möglichkeiten.'
			],
			[
				'phone',
				'ruf mich an',
				'„Ihre Telefonnummer“ darf nur Ziffern, Leerzeichen und + / ( ) - enthalten.'
			],
			['email', 'erika(at)example', null],
			['address', 'x'.repeat(301), '„Ort oder Adresse“ darf höchstens 300 Zeichen lang sein.'],
			['name', 'Erika \u202Egnp.exe', null],
			[
				'description',
				'Hallo \u0000 Welt, was ist das?',
				'„Beschreibung“ enthält ungültige Zeichen. Bitte prüfen Sie Ihre Eingabe.'
			]
		] as const) {
			const result = await send({ ...good(), [field]: value });
			expect(result.status, `${field}=${value.slice(0, 20)}`).toBe(400);
			if (message) expect(result.errors?.[field]).toBe(message);
			else expect(result.errors?.[field]).toMatch(/Ihr/);
		}
		const file = new File(['<script>alert(1)</script>'], 'a.html', { type: 'text/html' });
		expect((await send({ ...good(), description: file })).errors?.description).toBe(
			'„Beschreibung“ muss ein Text sein, keine Datei.'
		);
		expect(await stored()).toEqual({ concerns: 0, mails: 0 });
	});

	it('drops a concern with the honeypot filled, looking like success', async () => {
		expect(await send({ ...good(), website: 'http://spam.example' })).toEqual({
			status: 303,
			location: '/anliegen/danke'
		});
		expect(await stored()).toEqual({ concerns: 0, mails: 0 });
	});

	it('limits posts per address with a German 429 and stores nothing over the limit', async () => {
		const ip = '192.0.2.99';
		for (let i = 0; i < 10; i += 1) expect((await send({}, ip)).status).toBe(400);
		const result = await send(good(), ip);
		expect(result.status).toBe(429);
		expect(result.errors?._form).toMatch(/^Sie haben in kurzer Zeit sehr viele Anfragen gesendet/);
		expect(await stored()).toEqual({ concerns: 0, mails: 0 });
	});

	it('links a signed-in resident’s concern to the account and offers their address', async () => {
		const resident = await createActor(db, { email: 'anwohner@example.org' });
		const page = await call(load as Handler, { db, path: '/anliegen/neu', actor: resident });
		expect(page.data?.accountEmail).toBe('anwohner@example.org');
		const result = await call(actions.default as Handler, {
			db,
			path: '/anliegen/neu',
			actor: resident,
			fields: { ...good(), email: 'anwohner@example.org' }
		});
		expect(result.status).toBe(303);
		const [row] = await db.select().from(concerns);
		expect(row.submitterUserId).toBe(resident.id);
	});

	it('shows public concerns on the list and their page, never private ones or personal data', async () => {
		await send(good());
		await send({
			...good(),
			visibility: 'private',
			description: 'Privat: Streit mit den Nachbarn im Haus.'
		});
		const list = await call(listLoad as Handler, { db, path: '/anliegen' });
		expect(list.status).toBe(200);
		const items = list.data?.items as { reference: string }[];
		expect(items.map((c) => c.reference)).toEqual(['KAS-2026-0001']);
		const text = JSON.stringify(list.data);
		for (const secret of ['Erika', 'erika@example.org', '170', 'Streit', 'KAS-2026-0002']) {
			expect(text).not.toContain(secret);
		}
		const detail = await call(detailLoad as Handler, {
			db,
			path: '/anliegen/KAS-2026-0001',
			params: { reference: 'KAS-2026-0001' }
		});
		expect(detail.status).toBe(200);
		expect(JSON.stringify(detail.data)).not.toContain('Erika');
		const hidden = await call(detailLoad as Handler, {
			db,
			path: '/anliegen/KAS-2026-0002',
			params: { reference: 'KAS-2026-0002' }
		});
		expect(hidden.status).toBe(404);
		for (const q of ['?kategorie=gibtsnicht', '?status=offen', '?seite=0']) {
			const bad = await call(listLoad as Handler, { db, path: `/anliegen${q}` });
			expect(bad.status, q).toBe(400);
			expect(bad.message).toBe(
				'Diese Auswahl gibt es nicht. Bitte wählen Sie aus den angebotenen Filtern.'
			);
		}
	});

	it('answers a made-up or unknown status link with 404', async () => {
		for (const token of ['nope', 'a'.repeat(43)]) {
			const result = await call(statusLoad as Handler, {
				db,
				path: `/anliegen/status/${token}`,
				params: { token }
			});
			expect(result.status, token).toBe(404);
		}
	});
});
