import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eq } from 'drizzle-orm';
import { ANONYMOUS, CLI_ACTOR } from '../../../src/lib/server/auth/actor';
import { submitConcern } from '../../../src/lib/server/concerns/submit-concern';
import { concernCategories } from '../../../src/lib/server/db/schema';
import { createOpen311Key } from '../../../src/lib/server/open311/open311-keys';
import { createStaffUser } from '../../factories';
import { prepareDataDir } from '../contact-support';
import { HttpClient } from '../http';
import { startServer, type RunningServer } from '../server';

/**
 * Open311 GeoReport v2 conformance against the built server: every endpoint in JSON and XML
 * (content type, XML declaration, parsed by a real XML parser), Open311 error lists with 400,
 * 403 and 404, posting with and without keys (no cookies, no CSRF token), the admin's keys page,
 * and that private concerns and personal data never appear. A private server: it needs its own
 * OPEN311_API_KEYS. The keyless setting (OPEN311_ALLOW_KEYLESS) is decided in checkOpen311Key,
 * tested in-process (src/lib/server/open311/open311.test.ts), to keep this to one server.
 */

const SETTING_KEY = 'setting-key-for-the-e2e-test';
const SECRETS = [
	'Erika',
	'Geheim',
	'erika.geheim',
	'02272 987654',
	'Vermieter',
	'Max',
	'max@example.org'
];
const parser = new XMLParser({ parseTagValue: false });

describe('Open311 GeoReport v2 over HTTP', () => {
	let server: RunningServer;
	let dataDir: string;
	let issuedKey: string;
	let adminCookie: string;
	let publicRef: string;
	let privateRef: string;

	beforeAll(async () => {
		dataDir = await prepareDataDir(async (db) => {
			const [light] = await db
				.select()
				.from(concernCategories)
				.where(eq(concernCategories.slug, 'beleuchtung'));
			const person = {
				address: 'Hauptstraße 1',
				name: 'Erika Geheim',
				email: 'erika.geheim@example.org',
				phone: '02272 987654',
				consentForward: false,
				category: light.id
			};
			const submit = (visibility: 'public' | 'private', description: string) =>
				submitConcern(db, {
					actor: ANONYMOUS,
					origin: 'http://localhost',
					input: { ...person, visibility, description }
				});
			publicRef = (await submit('public', 'Die Laterne am Markt ist seit Tagen aus.')).reference;
			privateRef = (await submit('private', 'Ärger mit dem Vermieter, bitte vertraulich.'))
				.reference;
			issuedKey = (await createOpen311Key(db, { actor: CLI_ACTOR, label: 'Test-App' })).key;
			adminCookie = (await createStaffUser(db, { roles: ['admin'], email: 'admin@example.org' }))
				.cookie;
		});
		server = await startServer(
			{
				DATABASE_URL: '',
				OPEN311_API_KEYS: `other-key, ${SETTING_KEY}`,
				RATE_LIMIT_PER_MINUTE: '1000'
			},
			{ dataDir }
		);
	});

	afterAll(async () => {
		await server?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
	});

	const get = (path: string) => fetch(`${server.url}/open311/v2/${path}`);
	const post = (fields: Record<string, string>) =>
		fetch(`${server.url}/open311/v2/requests.json`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://app.example'
			},
			body: new URLSearchParams(fields)
		});

	/** GETs both formats, checks their types and returns the JSON and the parsed XML. */
	async function both(path: string, status = 200) {
		const json = await get(`${path}.json`);
		expect(json.status, `${path}.json`).toBe(status);
		expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const xml = await get(`${path}.xml`);
		expect(xml.status, `${path}.xml`).toBe(status);
		expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
		const text = await xml.text();
		expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
		expect(XMLValidator.validate(text), text.slice(0, 200)).toBe(true);
		return { json: await json.json(), xml: parser.parse(text), raw: text };
	}

	const asList = <T>(value: T | T[] | undefined): T[] =>
		value === undefined ? [] : Array.isArray(value) ? value : [value];

	it('answers discovery, services and service definitions in both formats', async () => {
		const discovery = await both('discovery');
		expect(discovery.json.endpoints[0]).toMatchObject({
			specification: 'http://wiki.open311.org/GeoReport_v2',
			url: `${server.url}/open311/v2`,
			formats: ['application/json', 'text/xml']
		});
		expect(asList(discovery.xml.discovery.endpoints.endpoint)[0].formats.format).toEqual([
			'application/json',
			'text/xml'
		]);

		const services = await both('services');
		expect(services.json).toHaveLength(8);
		expect(
			services.json.find((s: { service_code: string }) => s.service_code === 'beleuchtung')
		).toMatchObject({
			service_name: 'Beleuchtung',
			metadata: true
		});
		expect(
			asList(services.xml.services.service).map((s: { service_code: string }) => s.service_code)
		).toEqual(services.json.map((s: { service_code: string }) => s.service_code));

		const definition = await both('services/muell-sauberkeit');
		expect(definition.json.attributes[0]).toMatchObject({
			code: 'art',
			datatype: 'singlevaluelist'
		});
		const xmlAttribute = asList(definition.xml.service_definition.attributes.attribute)[0];
		expect(asList(xmlAttribute.values.value).map((v: { key: string }) => v.key)).toContain(
			'sperrmuell'
		);

		for (const code of ['verkehr', 'zauberei']) {
			const missing = await both(`services/${code}`, 404);
			expect(missing.json).toEqual([{ code: 404, description: expect.any(String) }]);
			expect(asList(missing.xml.errors.error)[0].code).toBe('404');
		}
		expect((await get('services.json?jurisdiction_id=elsewhere.example')).status).toBe(404);
	});

	it('refuses posts without a valid key with 403 and takes them with one, without cookies', async () => {
		const report = {
			service_code: 'beleuchtung',
			description: 'Die Laterne vor Hausnummer 12 flackert.',
			lat: '51.0071',
			long: '6.5781',
			first_name: 'Max',
			email: 'max@example.org',
			'attribute[laternennummer]': '12-034'
		};
		for (const key of [undefined, 'falsch']) {
			const res = await post(key === undefined ? report : { ...report, api_key: key });
			expect(res.status).toBe(403);
			const [error] = await res.json();
			expect(error.code).toBe(403);
			expect(error.description).toMatch(/api_key/);
		}
		for (const key of [SETTING_KEY, issuedKey]) {
			const res = await post({ ...report, api_key: key, jurisdiction_id: '' });
			expect(res.status).toBe(200);
			expect(res.headers.get('set-cookie')).toBeNull();
			const [created] = await res.json();
			expect(created.service_request_id).toMatch(/^KAS-\d{4}-\d{4}$/);
			expect(created.service_notice).toContain(`/anliegen/${created.service_request_id}`);
		}
	});

	it('answers bad posts with Open311 errors, never a 500', async () => {
		const base = { api_key: SETTING_KEY, service_code: 'beleuchtung', address_string: 'Markt 1' };
		const cases: [Record<string, string>, number, RegExp][] = [
			[{ api_key: SETTING_KEY }, 400, /service_code/],
			[{ ...base, description: 'Die Bank ist kaputt.', service_code: 'zauberei' }, 400, /zauberei/],
			[
				{
					...base,
					description: 'Die Bank ist kaputt.',
					address_string: '',
					lat: '52.52',
					long: '13.40'
				},
				400,
				/außerhalb/
			],
			[
				{ ...base, description: 'Die Bank ist kaputt.', lat: '999', long: '6.5' },
				400,
				/Dezimalgrad/
			],
			[
				{ ...base, description: '<script>alert(1)</script>', email: "x'; drop table concerns;--" },
				400,
				/email/
			],
			[
				{ ...base, description: 'Die Bank ist kaputt.', jurisdiction_id: 'elsewhere.example' },
				404,
				/jurisdiction_id/
			]
		];
		for (const [fields, status, message] of cases) {
			const res = await post(fields);
			expect(res.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
			const errors = await res.json();
			expect(errors[0].code).toBe(status);
			expect(errors.map((e: { description: string }) => e.description).join(' ')).toMatch(message);
		}
		const json = await fetch(`${server.url}/open311/v2/requests.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		expect(json.status).toBe(400);
	});

	it('lists and shows public requests only, without personal data, in both formats', async () => {
		const list = await both('requests');
		const ids = list.json.map((r: { service_request_id: string }) => r.service_request_id);
		expect(ids).toContain(publicRef);
		expect(ids).not.toContain(privateRef);
		expect(ids.length).toBe(3);
		expect(
			asList(list.xml.service_requests.request).map(
				(r: { service_request_id: string }) => r.service_request_id
			)
		).toEqual(ids);
		const one = list.json.find(
			(r: { service_request_id: string }) => r.service_request_id === publicRef
		);
		expect(one).toMatchObject({
			status: 'open',
			service_code: 'beleuchtung',
			address: 'Hauptstraße 1'
		});
		expect(one.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
		for (const secret of SECRETS) {
			expect(JSON.stringify(list.json)).not.toContain(secret);
			expect(list.raw).not.toContain(secret);
		}

		expect(await (await get('requests.json?status=closed')).json()).toEqual([]);
		expect(await (await get('requests.json?service_code=verkehr')).json()).toEqual([]);
		expect(
			(await (await get(`requests.json?service_request_id=${publicRef},${privateRef}`)).json())
				.length
		).toBe(1);
		for (const bad of [
			'status=offen',
			'start_date=gestern',
			'service_code=zauberei',
			'service_request_id=1'
		]) {
			const json = await get(`requests.json?${bad}`);
			expect(json.status, bad).toBe(400);
			const xml = await get(`requests.xml?${bad}`);
			expect(xml.status, bad).toBe(400);
			expect(parser.parse(await xml.text()).errors.error.code).toBe('400');
		}

		const single = await both(`requests/${publicRef}`);
		expect(single.json).toHaveLength(1);
		expect(asList(single.xml.service_requests.request)[0].service_request_id).toBe(publicRef);
		const token = await both(`tokens/${publicRef}`);
		expect(token.json).toEqual([{ service_request_id: publicRef, token: publicRef }]);
		for (const hidden of [
			`requests/${privateRef}`,
			'requests/KAS-1999-0001',
			`tokens/${privateRef}`
		]) {
			const missing = await both(hidden, 404);
			expect(missing.json[0].code).toBe(404);
			expect(missing.raw).not.toContain('Vermieter');
		}
	});

	it('serves the list from the page cache and shows a new post on the next request', async () => {
		await get('requests.json');
		const hit = await get('requests.json');
		expect(hit.headers.get('x-cache')).toBe('hit');
		const before = (await hit.json()).length;
		const res = await post({
			api_key: SETTING_KEY,
			service_code: 'verkehr',
			description: 'Ampel an der Schule ist zu kurz grün.',
			address_string: 'Schulstraße 2'
		});
		expect(res.status).toBe(200);
		const after = await get('requests.json');
		expect(after.headers.get('x-cache')).toBeNull();
		expect((await after.json()).length).toBe(before + 1);
	});

	it('lets an admin issue a key (shown once) and revoke it', async () => {
		const [name, value] = adminCookie.split('=');
		const admin = new HttpClient(server.url, { [name]: value });
		const page = await admin.get('/verwaltung/anliegen/open311');
		expect(page.status).toBe(200);
		expect(page.body).toContain('Test-App');
		const created = await admin.post('/verwaltung/anliegen/open311?/create', {
			label: 'Stadt-App'
		});
		expect(created.status).toBe(200);
		const key = /data-testid="open311-new-key">([^<]+)</.exec(created.body)?.[1] ?? '';
		expect(key).toMatch(/^o311_/);
		const report = {
			service_code: 'verkehr',
			description: 'Zebrastreifen verblasst.',
			address_string: 'Markt 2'
		};
		expect((await post({ ...report, api_key: key })).status).toBe(200);
		const list = await admin.get('/verwaltung/anliegen/open311');
		expect(list.body).not.toContain(key);
		const id = [...list.body.matchAll(/name="id" value="(\d+)"/g)]
			.map((m) => m[1])
			.sort()
			.at(-1)!;
		const revoked = await admin.post('/verwaltung/anliegen/open311?/revoke', { id });
		expect(revoked.status).toBe(303);
		expect((await post({ ...report, api_key: key })).status).toBe(403);
		expect((await new HttpClient(server.url).get('/verwaltung/anliegen/open311')).status).not.toBe(
			200
		);
	});

	// Last: the server answers before reading the whole body and closes the connection.
	it('refuses a 1 MB description with a 4xx, not a 500', async () => {
		const base = { api_key: SETTING_KEY, service_code: 'beleuchtung', address_string: 'Markt 1' };
		const huge = await post({ ...base, description: 'x'.repeat(1024 * 1024) });
		// The app's body limit (BODY_SIZE_LIMIT, 512 kB) answers before the endpoint sees the form,
		// as an Open311 error list.
		expect(huge.status).toBe(413);
		expect(await huge.json()).toEqual([
			{ code: 413, description: expect.stringContaining('zu groß') }
		]);
	});
});
