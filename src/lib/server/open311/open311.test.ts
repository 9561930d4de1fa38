import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createTestDatabase } from '$tests/helpers/db';
import { createActor } from '$tests/helpers/users';
import { failure } from '$tests/helpers/domain-error';
import type { Database, Db } from '../db/client';
import {
	auditLog,
	CONCERN_STATUSES,
	concernBodies,
	concernCategories,
	concernEntries,
	concernForwardings,
	concernPhotos,
	concerns,
	images,
	open311ApiKeys
} from '../db/schema';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { seedSite } from '../site/seed-site';
import { resetClock, setClock } from '../time';
import { submitConcern } from '../concerns/submit-concern';
import { parseDistrictBounds } from '$lib/concerns/district';
import type { IncomingMessage } from 'node:http';
import { open311PostFromAnywhere } from '../ops/page-responder';
import { escapeXml, open311Error, open311Response, toXml } from './open311-format';
import {
	checkOpen311Key,
	createOpen311Key,
	listOpen311Keys,
	revokeOpen311Key
} from './open311-keys';
import {
	findOpen311Requests,
	getOpen311Request,
	open311Status,
	parseRequestFilters,
	type Open311RequestFilters
} from './open311-requests';
import {
	attributeLines,
	getOpen311ServiceDefinition,
	listOpen311Services
} from './open311-services';
import { attributesIn, positionOf, submitOpen311Request } from './submit-open311-request';

const ORIGIN = 'https://quartier.example';
const NOW = new Date('2026-11-02T09:00:00Z');
const parser = new XMLParser();

describe('Open311 format', () => {
	it('writes XML with the declaration, the spec names for list items and escaped text', () => {
		const xml = toXml('service_requests', [
			{
				service_request_id: 'KAS-2026-0001',
				description: `<b>"A" & 'B'</b>\u0000\u0007ok`,
				lat: null
			},
			{ service_request_id: 'KAS-2026-0002', lat: 51.01 }
		]);
		expect(
			xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<service_requests><request>')
		).toBe(true);
		expect(XMLValidator.validate(xml)).toBe(true);
		const parsed = parser.parse(xml);
		expect(parsed.service_requests.request[0].description).toBe(`<b>"A" & 'B'</b>ok`);
		expect(parsed.service_requests.request[0]).not.toHaveProperty('lat');
		expect(parsed.service_requests.request[1].lat).toBe(51.01);
		expect(escapeXml('\uD800x\uFFFE')).toBe('x');
		const nested = toXml('discovery', {
			endpoints: [{ formats: ['text/xml', 'application/json'] }]
		});
		expect(nested).toContain(
			'<endpoints><endpoint><formats><format>text/xml</format><format>application/json</format>'
		);
	});

	it('answers errors as Open311 lists in both formats', async () => {
		const json = open311Error('json', 403, 'api_key fehlt.');
		expect(json.status).toBe(403);
		expect(json.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await json.json()).toEqual([{ code: 403, description: 'api_key fehlt.' }]);
		const xml = open311Error('xml', 400, ['a', 'b']);
		expect(xml.headers.get('content-type')).toMatch(/^text\/xml; charset=utf-8/);
		expect(parser.parse(await xml.text()).errors.error).toEqual([
			{ code: 400, description: 'a' },
			{ code: 400, description: 'b' }
		]);
		expect(open311Response('json', 'x', []).headers.get('cache-control')).toBe('no-store');
	});

	it("marks only the Open311 POST as same-origin for SvelteKit's form check", () => {
		const req = (method: string, url: string) =>
			({ method, url, headers: { origin: 'https://evil.example' } }) as unknown as IncomingMessage;
		const ok = req('POST', '/open311/v2/requests.json?x=1');
		open311PostFromAnywhere(ok, 'https://quartier.example/');
		expect(ok.headers.origin).toBe('https://quartier.example');
		for (const other of [
			req('POST', '/open311/v2/requests.xml'),
			req('POST', '/kontakt'),
			req('GET', '/open311/v2/requests.json')
		]) {
			open311PostFromAnywhere(other, 'https://quartier.example');
			expect(other.headers.origin, other.url).toBe('https://evil.example');
		}
		const noOrigin = req('POST', '/open311/v2/requests.json');
		open311PostFromAnywhere(noOrigin, undefined);
		expect(noOrigin.headers.origin).toBe('https://evil.example');
	});

	it('maps every status to open or closed', () => {
		const mapped = Object.fromEntries(CONCERN_STATUSES.map((s) => [s, open311Status(s)]));
		expect(mapped).toEqual({
			received: 'open',
			in_review: 'open',
			forwarded: 'open',
			in_progress: 'open',
			resolved: 'closed',
			declined: 'closed',
			merged: 'closed'
		});
	});

	it('reads the request filters, with 90 days by default and errors for bad values', () => {
		const parse = (q: string) => parseRequestFilters(new URLSearchParams(q), NOW);
		const plain = parse('');
		expect(plain.ok && plain.filters.start.toISOString()).toBe('2026-08-04T09:00:00.000Z');
		const full = parse(
			'service_request_id=kas-2026-1, KAS-2026-0002&status=closed&start_date=2026-10-01T00:00:00%2B02:00&end_date=2026-11-01T00:00:00Z'
		);
		expect(full).toEqual({
			ok: true,
			filters: {
				ids: ['KAS-2026-0001', 'KAS-2026-0002'],
				serviceCode: null,
				start: new Date('2026-09-30T22:00:00Z'),
				end: new Date('2026-11-01T00:00:00Z'),
				status: 'closed'
			}
		});
		for (const bad of [
			'status=offen',
			'start_date=2026-10-01',
			'end_date=gestern',
			'service_request_id=1;drop table concerns',
			`start_date=${'9'.repeat(100)}`
		]) {
			const result = parse(bad);
			expect(result.ok, bad).toBe(false);
		}
	});

	it('checks district bounds and coordinates', () => {
		const bounds = parseDistrictBounds('50.985,6.535,51.030,6.615')!;
		expect(parseDistrictBounds('51,6,50,7')).toBeNull();
		expect(parseDistrictBounds('a,b,c,d')).toBeNull();
		expect(positionOf('', '', bounds)).toBeNull();
		expect(positionOf('51.0', '6.57', bounds)).toEqual({ latitude: 51, longitude: 6.57 });
		expect(positionOf('52.52', '13.40', bounds)).toMatch(/außerhalb/);
		expect(positionOf('91', '6.5', bounds)).toMatch(/Dezimalgrad/);
		expect(positionOf('51.0', '', bounds)).toMatch(/Dezimalgrad/);
		expect(positionOf('1e2', '6', bounds)).toMatch(/Dezimalgrad/);
	});

	it('checks attribute answers against the service', () => {
		expect(attributeLines('beleuchtung', new Map([['laternennummer', '12-034']]))).toEqual({
			ok: true,
			lines: ['Nummer der Straßenlaterne: 12-034']
		});
		expect(attributeLines('muell-sauberkeit', new Map([['art', 'sperrmuell']]))).toEqual({
			ok: true,
			lines: ['Was liegt dort?: Sperrmüll']
		});
		expect(attributeLines('muell-sauberkeit', new Map([['art', 'gold']]))).toMatchObject({
			ok: false,
			error: 'value'
		});
		expect(attributeLines('verkehr', new Map([['x', '1']]))).toMatchObject({
			ok: false,
			error: 'unknown'
		});
		expect(
			attributeLines('beleuchtung', new Map([['laternennummer', 'x'.repeat(41)]]))
		).toMatchObject({
			ok: false
		});
		expect(
			attributesIn([
				['attribute[art]', 'glasbruch'],
				['attribute[art]', 'zweiter'],
				['attribute]x[', 'y']
			])
		).toEqual(new Map([['art', 'glasbruch']]));
	});
});

describe('Open311 on the database', () => {
	let database: Database;
	let db: Db;
	let admin: Actor & { id: number };
	let concernsStaff: Actor & { id: number };
	let lightId: number;

	const post = (values: Record<string, string>, keyId: number | null = null) =>
		submitOpen311Request(db, {
			actor: ANONYMOUS,
			field: (name) => values[name] ?? '',
			attributes: attributesIn(Object.entries(values)),
			origin: ORIGIN,
			keyId
		});

	const submit = (visibility: 'public' | 'private', description: string) =>
		submitConcern(db, {
			actor: ANONYMOUS,
			origin: ORIGIN,
			input: {
				category: lightId,
				description,
				address: 'Hauptstraße 1',
				visibility,
				name: 'Erika Geheim',
				email: 'erika.geheim@example.org',
				phone: '02272 123456',
				consentForward: false
			}
		});

	beforeAll(async () => {
		setClock(NOW);
		database = await createTestDatabase();
		db = database.db;
		await seedSite(db);
		const [light] = await db
			.select()
			.from(concernCategories)
			.where(eq(concernCategories.slug, 'beleuchtung'));
		lightId = light.id;
		admin = await createActor(db, { email: 'admin@kaster.example', roles: ['admin'] });
		concernsStaff = await createActor(db, {
			email: 'anliegen@kaster.example',
			roles: ['concerns']
		});
	});
	afterAll(async () => {
		resetClock();
		await database?.close();
	});

	it('lists the active categories as services; only those with attributes have a definition', async () => {
		const services = await listOpen311Services(db);
		expect(services.length).toBe(8);
		expect(services.find((s) => s.service_code === 'beleuchtung')).toMatchObject({
			service_name: 'Beleuchtung',
			metadata: true,
			type: 'realtime'
		});
		expect(services.find((s) => s.service_code === 'verkehr')?.metadata).toBe(false);
		expect(await getOpen311ServiceDefinition(db, 'beleuchtung')).toMatchObject({
			service_code: 'beleuchtung',
			attributes: [{ code: 'laternennummer', variable: true, datatype: 'string' }]
		});
		expect(await getOpen311ServiceDefinition(db, 'verkehr')).toBeNull();
		expect(await getOpen311ServiceDefinition(db, 'gibt-es-nicht')).toBeNull();
	});

	it('refuses bad posts with Open311 errors and stores nothing', async () => {
		const good = {
			service_code: 'beleuchtung',
			description: 'Die Laterne flackert seit Tagen.',
			address_string: 'Hauptstraße 1'
		};
		const cases: [string, Record<string, string>, RegExp][] = [
			['empty', {}, /service_code fehlt/],
			['1 MB description', { ...good, description: 'x'.repeat(1024 * 1024) }, /^description: /],
			['too short', { ...good, description: 'kurz' }, /^description: /],
			[
				'unknown service',
				{ ...good, service_code: 'zauberei' },
				/Unbekannter service_code: zauberei/
			],
			['no place', { ...good, address_string: '' }, /Ort angeben/],
			['lat out of range', { ...good, lat: '123', long: '6.57' }, /Dezimalgrad/],
			['outside the district', { ...good, lat: '52.52', long: '13.40' }, /außerhalb/],
			['script in a field', { ...good, email: '<script>alert(1)</script>' }, /^email: /],
			['bad phone', { ...good, phone: "1'; drop table concerns;--" }, /^phone: /],
			['unknown attribute', { ...good, 'attribute[farbe]': 'rot' }, /Attribut farbe/],
			[
				'bad attribute value',
				{ ...good, service_code: 'muell-sauberkeit', 'attribute[art]': 'gold' },
				/ungültigen Wert/
			],
			[
				'NUL in the text',
				{ ...good, description: 'Die Laterne\u0000 flackert seit Tagen.' },
				/^description: /
			],
			['bidi characters', { ...good, address_string: 'Hauptstraße \u202E1' }, /^address_string: /]
		];
		for (const [name, values, message] of cases) {
			const result = await post(values);
			expect(result.ok, name).toBe(false);
			if (!result.ok) {
				expect(result.status).toBe(400);
				expect(result.errors.join(' | '), name).toMatch(message);
			}
		}
		expect(await db.select().from(concerns)).toEqual([]);
	});

	it('stores a good post as a public concern from the open311 channel, with the attribute answers', async () => {
		const result = await post(
			{
				service_code: 'beleuchtung',
				description: 'Die Laterne vor Nummer 3 flackert.',
				lat: '51.0071',
				long: '6.5781',
				first_name: 'Max',
				last_name: 'Muster',
				email: 'Max@Example.org',
				'attribute[laternennummer]': '12-034',
				media_url: 'http://169.254.169.254/latest'
			},
			42
		);
		expect(result).toEqual({ ok: true, reference: 'KAS-2026-0001' });
		const [row] = await db.select().from(concerns);
		expect(row).toMatchObject({
			visibility: 'public',
			channel: 'open311',
			latitude: 51.0071,
			longitude: 6.5781,
			submitterName: 'Max Muster',
			submitterEmail: 'max@example.org',
			description: 'Die Laterne vor Nummer 3 flackert.\n\nNummer der Straßenlaterne: 12-034'
		});
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'concern.submitted'));
		expect(audit.data).toMatchObject({ channel: 'open311', open311KeyId: 42 });
	});

	it('reads public concerns only, without personal data, with the latest public note', async () => {
		const open = await submit('public', 'Öffentlich: Laterne aus am Markt.');
		const hidden = await submit('private', 'Privat: Ärger mit dem Vermieter, bitte vertraulich.');
		await db.insert(concernEntries).values([
			{
				concernId: open.id,
				kind: 'answer',
				body: 'Die Stadtwerke sind informiert.',
				isPublic: true,
				createdAt: new Date(NOW.getTime() + 1000)
			},
			{
				concernId: open.id,
				kind: 'note',
				body: 'Interner Vermerk: Herr X ruft oft an.',
				isPublic: false,
				createdAt: new Date(NOW.getTime() + 2000)
			}
		]);
		const all = (await findOpen311Requests(db, parseFilters('')))!;
		expect(all.map((r) => r.service_request_id)).toEqual([open.reference, 'KAS-2026-0001']);
		const text = JSON.stringify(all);
		for (const secret of [
			'Erika',
			'geheim',
			'123456',
			'Max',
			'example.org',
			'Interner',
			'Vermieter'
		]) {
			expect(text).not.toContain(secret);
		}
		expect(all[0]).toMatchObject({
			status: 'open',
			status_notes: 'Die Stadtwerke sind informiert.',
			service_code: 'beleuchtung',
			requested_datetime: '2026-11-02T10:00:00+01:00',
			address: 'Hauptstraße 1'
		});
		expect(await getOpen311Request(db, hidden.reference)).toBeNull();
		expect(await getOpen311Request(db, 'kas-2026-1')).toMatchObject({ lat: 51.0071 });
		expect(await getOpen311Request(db, 'nonsense')).toBeNull();
		expect(
			(await findOpen311Requests(db, parseFilters(`service_request_id=${hidden.reference}`)))!
		).toEqual([]);

		await db.update(concerns).set({ status: 'resolved' }).where(eq(concerns.id, open.id));
		expect(
			(await findOpen311Requests(db, parseFilters('status=closed')))!.map(
				(r) => r.service_request_id
			)
		).toEqual([open.reference]);
		expect((await findOpen311Requests(db, parseFilters('status=open')))!.length).toBe(1);
		expect((await findOpen311Requests(db, parseFilters('service_code=verkehr')))!).toEqual([]);
		expect(await findOpen311Requests(db, parseFilters('service_code=zauberei'))).toBeNull();

		// Forwarded: the body is agency_responsible; a shown photo of a public concern is media_url.
		const [body] = await db
			.insert(concernBodies)
			.values({ name: 'Tiefbauamt Bedburg', email: 'tiefbau@bedburg.example' })
			.returning({ id: concernBodies.id });
		await db.insert(concernForwardings).values({
			concernId: open.id,
			bodyId: body.id,
			sentAt: NOW,
			dueAt: new Date(NOW.getTime() + 86_400_000)
		});
		const [image] = await db
			.insert(images)
			.values({ key: 'ab'.repeat(16), width: 800, height: 600, bytes: 1000, mime: 'image/jpeg' })
			.returning({ id: images.id });
		await db.insert(concernPhotos).values({ concernId: open.id, imageId: image.id, sortOrder: 0 });
		expect(await getOpen311Request(db, open.reference, { origin: ORIGIN })).toMatchObject({
			agency_responsible: 'Tiefbauamt Bedburg',
			media_url: `${ORIGIN}/medien/bilder/${'ab'.repeat(16)}-800.jpg`
		});
		await db
			.update(concernPhotos)
			.set({ hiddenAt: NOW })
			.where(eq(concernPhotos.imageId, image.id));
		expect(await getOpen311Request(db, open.reference, { origin: ORIGIN })).toMatchObject({
			media_url: null
		});
		expect((await findOpen311Requests(db, parseFilters('end_date=2026-10-01T00:00:00Z')))!).toEqual(
			[]
		);
	});

	it('checks keys: issued, revoked, from the setting, missing, keyless', async () => {
		const strict = { keys: ['setting-key-123'], allowKeyless: false };
		expect(await checkOpen311Key(db, '', strict)).toEqual({ ok: false, reason: 'missing' });
		expect(await checkOpen311Key(db, '', { keys: [], allowKeyless: true })).toMatchObject({
			ok: true,
			via: 'keyless'
		});
		expect(await checkOpen311Key(db, 'falsch', { keys: [], allowKeyless: true })).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await checkOpen311Key(db, 'setting-key-123', strict)).toMatchObject({
			ok: true,
			via: 'setting'
		});

		expect((await failure(createOpen311Key(db, { actor: concernsStaff, label: 'App' }))).code).toBe(
			'FORBIDDEN'
		);
		expect((await failure(listOpen311Keys(db, { actor: ANONYMOUS }))).code).not.toBe(undefined);
		const { id, key } = await createOpen311Key(db, { actor: admin, label: 'Mängelmelder' });
		expect(await checkOpen311Key(db, key, strict)).toEqual({ ok: true, keyId: id, via: 'issued' });
		const [stored] = await db.select().from(open311ApiKeys);
		expect(stored.keyHash).not.toContain(key);
		expect(JSON.stringify(await listOpen311Keys(db, { actor: admin }))).not.toContain(
			stored.keyHash
		);

		expect((await failure(revokeOpen311Key(db, { actor: concernsStaff, id }))).code).toBe(
			'FORBIDDEN'
		);
		expect(await revokeOpen311Key(db, { actor: admin, id })).toEqual({ changed: true });
		expect(await revokeOpen311Key(db, { actor: admin, id })).toEqual({ changed: false });
		expect((await failure(revokeOpen311Key(db, { actor: admin, id: 9999 }))).code).toBe(
			'NOT_FOUND'
		);
		expect(await checkOpen311Key(db, key, strict)).toEqual({ ok: false, reason: 'invalid' });
		const audits = await db.select().from(auditLog).where(eq(auditLog.entity, 'open311_api_key'));
		expect(audits.map((a) => a.action)).toEqual([
			'concern.open311-key-created',
			'concern.open311-key-revoked'
		]);
		expect(JSON.stringify(audits)).not.toContain(key);
	});
});

function parseFilters(query: string): Open311RequestFilters {
	const parsed = parseRequestFilters(new URLSearchParams(query), NOW);
	if (!parsed.ok) throw new Error(parsed.errors.join('; '));
	return parsed.filters;
}
