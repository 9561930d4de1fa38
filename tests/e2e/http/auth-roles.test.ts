import { describe, expect, it } from 'vitest';
import { HttpClient, mainText } from '../http';
import { emailFor, TEST_PASSWORD } from '../support';

/*
 * Who may enter the back office and the own account page, over HTTP (the route×role matrix of
 * every /verwaltung load and action is an in-process test); the own account page in the browser
 * is browser/account-page.test.ts.
 */
describe('roles and the back office (HTTP)', () => {
	it('sends anonymous visitors of /verwaltung to the login and back afterwards', async () => {
		const anonymous = new HttpClient();
		const res = await anonymous.get('/verwaltung/konten');
		expect(res.status).toBe(303);
		const login = new URL(res.location, 'http://x');
		expect(login.pathname).toBe('/anmelden');
		expect(login.searchParams.get('weiter')).toBe('/verwaltung/konten');
		expect(mainText((await anonymous.get(res.location)).body)).toContain(
			'Bitte melden Sie sich an'
		);
	});

	it('shows the accounts page to the admin', async () => {
		const admin = await HttpClient.as('admin');
		const res = await admin.get('/verwaltung/konten');
		expect(res.status).toBe(200);
		expect(mainText(res.body)).toContain(emailFor('admin'));
	});

	it('gives a content editor the back office but not the accounts', async () => {
		const editor = await HttpClient.as('content');
		expect((await editor.get('/verwaltung')).status).toBe(200);
		for (const path of ['/verwaltung/konten', '/verwaltung/konten/neu', '/verwaltung/konten/1']) {
			expect((await editor.get(path)).status, path).toBe(403);
		}
		await editor.get('/konto');
		const res = await editor.post('/verwaltung/konten/neu', {
			email: 'sneaky@example.org',
			display_name: 'Sneaky',
			role_admin: 'on'
		});
		expect(res.status).toBe(403);
		expect((await editor.post('/verwaltung/konten/1?/sperren', {})).status).toBe(403);
	});

	it('keeps residents out of the back office entirely', async () => {
		const resident = await HttpClient.as('resident');
		expect((await resident.get('/konto')).status).toBe(200);
		for (const path of ['/verwaltung', '/verwaltung/konten', '/verwaltung/konten/neu']) {
			expect((await resident.get(path)).status, path).toBe(403);
		}
		const res = await resident.post('/verwaltung/konten/1?/rollen', { role_admin: 'on' });
		expect(res.status).toBe(403);
	});

	it('sends staff to the back office and residents to /konto after the login', async () => {
		for (const [role, landing] of [
			['content', '/verwaltung'],
			['resident', '/konto']
		] as const) {
			const client = new HttpClient();
			const fields = { email: emailFor(role), password: TEST_PASSWORD };
			const res = await client.submit('/anmelden', fields, '/anmelden?/anmelden');
			expect(res.status, role).toBe(303);
			expect(res.location, role).toBe(landing);
		}
	});

	it('changes the own password, ending other sessions but not this one', async () => {
		const other = await HttpClient.login('e2e-wechsel@example.org', TEST_PASSWORD);
		const me = await HttpClient.login('e2e-wechsel@example.org', TEST_PASSWORD);
		const changed = await me.submit(
			'/konto',
			{
				current_password: TEST_PASSWORD,
				new_password: 'Gewechseltes-Passwort',
				new_password_repeat: 'Gewechseltes-Passwort'
			},
			'/konto?/passwort'
		);
		const after = changed.status === 303 ? await me.visit(changed.location) : changed;
		expect(mainText(after.body)).toContain('Ihr Passwort ist geändert');
		expect((await me.visit('/konto')).path).toBe('/konto');
		expect((await other.visit('/konto')).path.split('?')[0]).toBe('/anmelden');
		await HttpClient.login('e2e-wechsel@example.org', 'Gewechseltes-Passwort');
	});

	it('sends anonymous visitors of /konto to the login', async () => {
		const anonymous = new HttpClient();
		const res = await anonymous.get('/konto');
		expect(res.status).toBe(303);
		expect(res.location).toMatch(/\/anmelden\?weiter=%2Fkonto$/);
		const post = await anonymous.post('/konto?/name', { display_name: 'x' });
		expect(post.status).toBe(303);
	});
});
