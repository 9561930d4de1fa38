import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formValues, HttpClient, mainText } from '../http';
import { startServer, type RunningServer } from '../server';

/**
 * The first run as the README describes it: start on an empty data folder, follow the one-time
 * link the server prints, create the first administrator, set the password, log in, fill in the
 * office's data and see it on the public site. A private server: the shared one has an admin.
 * Each step is a plain form post, as in a browser without JavaScript; the pages' templates are
 * checked in the browser elsewhere (auth-accounts, content-pages).
 */
describe('first run', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer({ DATABASE_URL: '', LOG_LEVEL: 'warn' });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('goes from an empty folder to the office data on the public page', async () => {
		const printed = server.log().match(/http:\/\/\S+\/einrichten\?token=[\w-]+/)?.[0];
		expect(printed, server.log()).toBeDefined();
		const setupPath = new URL(printed!).pathname + new URL(printed!).search;

		const chefin = new HttpClient(server.url);
		// A wrong token shows nothing of the form.
		const wrong = await chefin.get('/einrichten?token=falsch');
		expect(wrong.status).toBe(403);
		expect(wrong.body).not.toContain('name="email"');

		const form = await chefin.get(setupPath);
		expect(form.status).toBe(200);
		expect(form.body).toMatch(/<h1[^>]*>Quartier einrichten<\/h1>/);
		// The form says what is missing, keeping the input.
		const missing = await chefin.post(setupPath, { display_name: 'Erste Chefin', email: '' });
		expect(missing.status).toBe(400);
		expect(mainText(missing.body)).toMatch(/E-Mail/);
		expect(missing.body).toMatch(
			/name="display_name"[^>]*value="Erste Chefin"|value="Erste Chefin"[^>]*name="display_name"/
		);

		const created = await chefin.post(setupPath, {
			display_name: 'Erste Chefin',
			email: 'chefin@example.org'
		});
		expect(created.status).toBe(303);
		expect(created.location).toMatch(/^\/passwort-setzen\?/);
		expect((await chefin.get(created.location)).status).toBe(200);
		const passwordSet = await chefin.post(created.location, {
			password: 'Erstes-Passwort-2026',
			password_repeat: 'Erstes-Passwort-2026'
		});
		expect(passwordSet.status).toBe(303);
		expect(passwordSet.location).toMatch(/\/anmelden\?hinweis=passwort/);

		// The setup link is used up.
		expect((await chefin.get(setupPath)).status).toBe(403);

		const signedIn = await HttpClient.login(
			'chefin@example.org',
			'Erstes-Passwort-2026',
			server.url
		);
		const start = await signedIn.visit('/anmelden');
		expect(start.path).toBe('/verwaltung');

		const settings = await signedIn.get('/verwaltung/quartier');
		const saved = await signedIn.post('/verwaltung/quartier', {
			...formValues(settings.body),
			officeName: 'Quartiersbüro Neustadt'
		});
		expect(saved.status, mainText(saved.body)).toBe(303);

		// The very next request of anyone shows it.
		const visitor = await new HttpClient(server.url).get('/');
		expect(visitor.body).toMatch(/class="site-header__brand"[\s\S]*?Quartiersbüro Neustadt/);

		// One link per start.
		expect(server.log().match(/einrichten\?token=/g)).toHaveLength(1);
	});
});
