import { beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, idsInLinks, mainText } from '../http';
import { emailFor } from '../accounts';
import { linkPath, readMails, TEST_PASSWORD, waitForNewMail } from '../support';

/*
 * Every account form gets what no browser form would send, over HTTP (no browser: these are
 * hundreds of requests). The accounts come from global setup (tests/e2e/accounts.ts).
 */

const BIG = 'x'.repeat(100 * 1024);
const SCRIPT = '<script>alert(1)</script>';
const SQL = "' OR 1=1; DROP TABLE users; --";
const BAD_UNICODE = 'Name \uFFFD kaputt';

interface FormCase {
	name: string;
	page: HttpClient;
	action: string;
	/** A filled form that passes validation except where a test spoils one field. */
	fields: Record<string, string>;
	/** Text fields and the label the error messages must name. */
	labels: Record<string, string>;
	/** Fields echoed back into the form after an error. */
	echoed?: string[];
	/** Values that make the form fail elsewhere, so nothing is stored while one field is tested. */
	spoil?: Record<string, string>;
}

/** The text of the account page's facts list (`.facts`). */
function factsOf(html: string): string {
	const start = html.indexOf('class="facts"');
	return mainText(html.slice(start, html.indexOf('</dl>', start)));
}

describe('bad input on every account form', () => {
	let anonymous: HttpClient;
	let stranger: HttpClient;
	let resident: HttpClient;
	let admin: HttpClient;
	let resetLink: string;
	let accountPath: string;
	const cases: FormCase[] = [];

	beforeAll(async () => {
		anonymous = new HttpClient();
		await anonymous.get('/anmelden');
		stranger = new HttpClient();
		await stranger.get('/anmelden');
		resident = await HttpClient.as('resident');
		admin = await HttpClient.as('admin');

		const before = readMails().length;
		const sent = await anonymous.submit('/passwort-vergessen', {
			email: 'e2e-bad-input@example.org'
		});
		expect(sent.status).toBe(200);
		const mail = await waitForNewMail(before, (m) => m.to.includes('e2e-bad-input@example.org'));
		resetLink = linkPath(mail.text, '/passwort-setzen');
		await anonymous.get('/anmelden');
		const residents = await admin.get('/verwaltung/konten?art=residents');
		const row = residents.body.split('<tr').find((r) => r.includes('e2e-bad-input@example.org'));
		const [id] = idsInLinks(row ?? '', '/verwaltung/konten');
		accountPath = `/verwaltung/konten/${id}`;
		await resident.get('/konto');

		const password = 'Ein-Langes-Passwort-1';
		cases.push(
			{
				name: 'login',
				page: anonymous,
				action: '/anmelden?/anmelden',
				fields: { email: 'a@example.org', password },
				labels: { email: 'E-Mail-Adresse', password: 'Passwort' },
				echoed: ['email']
			},
			{
				name: 'resend confirmation',
				page: anonymous,
				action: '/anmelden?/bestaetigung',
				fields: { email: 'a@example.org' },
				labels: { email: 'E-Mail-Adresse' }
			},
			{
				name: 'forgotten password',
				page: anonymous,
				action: '/passwort-vergessen',
				fields: { email: 'a@example.org' },
				labels: { email: 'E-Mail-Adresse' },
				echoed: ['email']
			},
			{
				name: 'set password',
				page: anonymous,
				action: resetLink,
				fields: { password, password_repeat: password },
				labels: { password: 'Neues Passwort' }
			},
			{
				name: 'registration',
				page: anonymous,
				action: '/registrieren',
				fields: {
					display_name: 'Rosa',
					email: 'e2e-never-stored@example.org',
					password,
					password_repeat: password,
					consent: 'on'
				},
				labels: { display_name: 'Ihr Name', email: 'E-Mail-Adresse', password: 'Passwort' },
				echoed: ['display_name', 'email'],
				spoil: { password_repeat: 'passt-nicht' }
			},
			{
				name: 'own name',
				page: resident,
				action: '/konto?/name',
				fields: { display_name: 'Test-Bewohnerin' },
				labels: { display_name: 'Ihr Name' },
				echoed: ['display_name']
			},
			{
				name: 'own password',
				page: resident,
				action: '/konto?/passwort',
				fields: {
					current_password: 'falsch-aber-egal',
					new_password: password,
					new_password_repeat: password
				},
				labels: { new_password: 'Neues Passwort' }
			},
			{
				name: 'new staff account',
				page: admin,
				action: '/verwaltung/konten/neu',
				fields: {
					email: 'e2e-never-staff@example.org',
					display_name: 'Nie',
					role_content: 'on'
				},
				labels: { email: 'E-Mail-Adresse', display_name: 'Name' },
				echoed: ['email', 'display_name'],
				spoil: { role_content: '' }
			}
		);
	});
	it('refuses empty forms with a German message naming the field', async () => {
		for (const c of cases) {
			const empty = Object.fromEntries(Object.keys(c.fields).map((k) => [k, '']));
			const res = await c.page.post(c.action, empty);
			expect(res.status, c.name).toBe(400);
			const [field, label] = Object.entries(c.labels)[0];
			expect(res.body, `${c.name} ${field}`).toContain(`Bitte füllen Sie das Feld „${label}“ aus.`);
		}
	});

	it('refuses 100 kB in any text field with a German "too long" message', async () => {
		for (const c of cases) {
			for (const [field, label] of Object.entries(c.labels)) {
				const res = await c.page.post(c.action, { ...c.fields, [field]: BIG });
				expect(res.status, `${c.name} ${field}`).toBe(400);
				const named = field.includes('email')
					? `„${label}“ darf höchstens`
					: `„${label}“ darf höchstens`;
				expect(res.body, `${c.name} ${field}`).toContain(named);
				expect(res.body.length, `${c.name} ${field} echoes 100 kB`).toBeLessThan(80_000);
			}
		}
	});

	it('escapes script tags, treats SQL as text and refuses invalid characters', async () => {
		for (const c of cases) {
			for (const field of Object.keys(c.labels).filter((f) => !f.includes('password'))) {
				const script = await c.page.post(c.action, {
					...c.fields,
					[field]: SCRIPT,
					...c.spoil
				});
				expect(script.status, `${c.name} ${field}`).toBeLessThan(500);
				expect(script.body, `${c.name} ${field}`).not.toContain(SCRIPT);
				if (c.echoed?.includes(field))
					expect(script.body, `${c.name} ${field} ${script.status}`).toContain(
						'&lt;script>alert(1)&lt;/script>'
					);

				const sql = await c.page.post(c.action, {
					...c.fields,
					[field]: SQL,
					...c.spoil
				});
				expect(sql.status, `${c.name} ${field} sql`).toBeLessThan(500);

				const bad = await c.page.post(c.action, {
					...c.fields,
					[field]: BAD_UNICODE,
					...c.spoil
				});
				expect(bad.status, `${c.name} ${field} unicode`).toBe(400);
				expect(bad.body, `${c.name} ${field} unicode`).toMatch(
					/enthält ungültige Zeichen|gültige E-Mail-Adresse/
				);
			}
		}
		await resident.post('/konto?/name', { display_name: 'Test-Bewohnerin' });
		// The users table is still there and nothing of the above was stored.
		const list = mainText((await admin.get('/verwaltung/konten')).body);
		expect(list).toContain('admin@example.org');
		expect(list).not.toContain('e2e-never');
		expect(list).not.toContain('<script>');
	});

	it('refuses missing and foreign CSRF tokens with 403 on every form and button', async () => {
		const foreign = await stranger.csrf();
		const buttons = [
			{ page: anonymous, action: '/registrieren/bestaetigen?token=x' },
			{ page: resident, action: '/abmelden' },
			{ page: admin, action: `${accountPath}?/rollen` },
			{ page: admin, action: `${accountPath}?/link` },
			{ page: admin, action: `${accountPath}?/sperren` },
			{ page: admin, action: `${accountPath}?/freischalten` }
		];
		for (const c of [...cases, ...buttons.map((b) => ({ ...b, name: b.action, fields: {} }))]) {
			const missing = await c.page.post(c.action, c.fields, { csrf: false });
			expect(missing.status, `${c.name} missing`).toBe(403);
			expect(missing.body).toContain('Aus Sicherheitsgründen');
			const wrong = await c.page.post(c.action, { ...c.fields, _csrf: foreign });
			expect(wrong.status, `${c.name} foreign`).toBe(403);
		}
		// Still signed in, account untouched, the reset link still usable.
		expect((await resident.get('/konto')).status).toBe(200);
		expect((await anonymous.get(resetLink)).status).toBe(200);
		expect(factsOf((await admin.get(accountPath)).body)).toContain('aktiv');
	});

	it('ignores forged role values and unknown fields', async () => {
		const res = await admin.post(`${accountPath}?/rollen`, {
			role_admin: '<script>',
			role_content: 'yes',
			roles: 'admin',
			role_superuser: 'on'
		});
		expect(res.status).toBe(200);
		expect(factsOf((await admin.get(accountPath)).body)).toContain('keine Rolle');
	});

	it('ignores return paths to other sites and sends staff to the back office (HTTP)', async () => {
		for (const weiter of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
			// The form on the page, and a post that carries the return path itself.
			const client = new HttpClient();
			const page = await client.get(`/anmelden?weiter=${encodeURIComponent(weiter)}`);
			const actions = [...page.body.matchAll(/<form\b[^>]*action="([^"]*)"/g)].map((m) =>
				m[1].replace(/&amp;/g, '&')
			);
			expect(actions, weiter).toContain('?/anmelden');
			expect(actions.join(' '), weiter).not.toContain('evil');
			for (const target of [
				'/anmelden?/anmelden',
				`/anmelden?/anmelden&weiter=${encodeURIComponent(weiter)}`
			]) {
				const res = await new HttpClient().submit(
					'/anmelden',
					{ email: emailFor('rooms'), password: TEST_PASSWORD },
					target
				);
				expect(res.status, `${weiter} ${target}`).toBe(303);
				expect(res.location, `${weiter} ${target}`).toBe('/verwaltung');
			}
		}
	});
});
