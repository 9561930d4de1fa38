import { describe, expect, it } from 'vitest';
import { HttpClient, mainText } from '../http';
import { emailFor } from '../accounts';
import { linkPath, readMails, TEST_PASSWORD, waitForNewMail } from '../support';

/*
 * Refusals that need the real server's throttles and mail, but no browser (the pages of these
 * states are checked with axe in browser/auth-login and browser/auth-reset).
 */
const LOCKED = 'e2e-lock@example.org';
const KNOWN = 'e2e-reset2@example.org';
const UNKNOWN = 'gibt-es-nicht@example.org';

const logIn = (client: HttpClient, email: string, password: string) =>
	client.submit('/anmelden', { email, password }, '/anmelden?/anmelden');

describe('login and reset refusals (HTTP)', () => {
	it('slows an account down after 10 wrong passwords (429), then lets the right one in after the wait', async () => {
		const client = new HttpClient();
		for (let i = 1; i <= 9; i++) {
			const res = await logIn(client, LOCKED, `falsch-${i}`);
			expect(res.status, `attempt ${i}`).toBe(400);
		}
		const tenth = await logIn(client, LOCKED, 'falsch-10');
		expect(tenth.status).toBe(429);
		expect(mainText(tenth.body)).toMatch(/Zu viele Fehlversuche\. Bitte warten Sie \d Sekunden?/);

		// The right password waits too (global setup sets LOGIN_LOCK_SECONDS=3) …
		const whileLocked = await logIn(client, LOCKED, TEST_PASSWORD);
		expect(whileLocked.status).toBe(429);
		expect(mainText(whileLocked.body)).toContain('Zu viele Fehlversuche');
		// … and gets in once the wait is over.
		await new Promise((r) => setTimeout(r, 3_300));
		const after = await logIn(client, LOCKED, TEST_PASSWORD);
		expect(after.status).toBe(303);
		expect(after.location).toBe('/konto');
	});

	it('answers a reset for an unknown address like one for a known address, and mails nothing', async () => {
		const before = readMails().length;
		const unknown = await new HttpClient().submit('/passwort-vergessen', { email: UNKNOWN });
		const known = await new HttpClient().submit('/passwort-vergessen', { email: KNOWN });
		expect([unknown.status, known.status]).toEqual([200, 200]);
		expect(mainText(unknown.body)).toContain(`Wenn es zu ${UNKNOWN} ein Konto gibt`);
		expect(mainText(unknown.body).replace(UNKNOWN, '…')).toBe(
			mainText(known.body).replace(KNOWN, '…')
		);
		// Mail goes out in order: once the known address has its mail, any for the unknown one
		// would have gone out before it.
		await waitForNewMail(before, (m) => m.to.includes(KNOWN));
		expect(
			readMails()
				.slice(before)
				.filter((m) => m.to.includes(UNKNOWN))
		).toEqual([]);
	});

	it('does not let an admin remove their own admin role or disable themselves', async () => {
		const admin = await HttpClient.as('admin');
		// The list links relatively (../verwaltung/konten/1), as resolve() writes links.
		const own = new RegExp(`href="[./]*(verwaltung/konten/\\d+)"[^>]*>\\s*${emailFor('admin')}`);
		let path: string | undefined;
		for (let page = 1; !path && page <= 20; page++) {
			const match = own.exec((await admin.get(`/verwaltung/konten?art=staff&seite=${page}`)).body);
			if (match) path = `/${match[1]}`;
		}
		expect(path, 'own account in the list').toBeTruthy();
		const page = await admin.get(path!);
		expect(mainText(page.body)).toContain('Das ist Ihr eigenes Konto');
		expect(page.body).not.toContain('action="?/sperren"');

		const roles = await admin.post(`${path}?/rollen`, { role_content: 'on' });
		expect(roles.status).toBe(400);
		expect(mainText(roles.body)).toContain('nicht selbst nehmen');
		const disable = await admin.post(`${path}?/sperren`, {});
		expect(disable.status).toBe(400);
		expect(disable.body).toContain('Sie können Ihr eigenes Konto nicht sperren.');
		expect((await admin.get('/verwaltung/konten')).status).toBe(200);
	});

	it('answers unknown accounts with 404 and odd list parameters calmly', async () => {
		const admin = await HttpClient.as('admin');
		for (const p of [
			'/verwaltung/konten/999999',
			'/verwaltung/konten/abc',
			'/verwaltung/konten/1e3'
		]) {
			expect((await admin.get(p)).status, p).toBe(404);
		}
		expect((await admin.post('/verwaltung/konten/999999?/sperren', {})).status).toBe(404);
		const far = await admin.get('/verwaltung/konten?seite=999');
		expect(far.status).toBe(200);
		expect(mainText(far.body)).toContain('Keine Konten gefunden');
		expect((await admin.get('/verwaltung/konten?seite=-1&art=<x>')).status).toBe(200);
		const residents = mainText((await admin.get('/verwaltung/konten?art=residents')).body);
		expect(residents).not.toContain(emailFor('content'));
		const staff = mainText((await admin.get('/verwaltung/konten?art=staff')).body);
		expect(staff).toContain(emailFor('content'));
	});
});

/*
 * Account administration after the first journey (browser/auth-accounts creates an editor who
 * sets a password and logs in): roles, a new link, duplicates, and disabling, which ends the
 * account's sessions at once.
 */
describe('account administration (HTTP)', () => {
	const email = 'e2e-konten-http@example.org';
	const password = 'Konten-Passwort-2025';

	it('changes roles, resends the link, refuses duplicates, and disabling ends the sessions', async () => {
		const admin = await HttpClient.as('admin');
		const before = readMails().length;
		const created = await admin.submit(
			'/verwaltung/konten/neu',
			{ email, display_name: 'Konto über HTTP', role_content: 'on' },
			'/verwaltung/konten/neu'
		);
		expect(created.status, mainText(created.body).slice(0, 300)).toBe(303);
		const path = created.location!.replace(/\?.*$/, '');
		expect(path).toMatch(/^\/verwaltung\/konten\/\d+$/);
		const welcome = await waitForNewMail(before, (m) => m.to.includes(email));
		const editor = new HttpClient();
		const setPath = linkPath(welcome.text, '/passwort-setzen');
		const set = await editor.submit(setPath, { password, password_repeat: password }, setPath);
		expect(set.status).toBe(303);

		const roles = await admin.post(`${path}?/rollen`, { role_content: 'on', role_rooms: 'on' });
		expect(roles.status).toBe(200);
		expect(mainText(roles.body)).toContain('Die Rollen sind gespeichert');
		expect(mainText((await admin.get(path)).body)).toContain('Räume, Inhalte');
		const beforeLink = readMails().length;
		expect(mainText((await admin.post(`${path}?/link`, {})).body)).toContain(
			'Ein neuer Link wurde'
		);
		const link = await waitForNewMail(beforeLink, (m) => m.to.includes(email));
		expect(link.text).toContain('Räume, Inhalte');

		// The same address in capitals: 409, the form keeps what was entered.
		const duplicate = await admin.submit(
			'/verwaltung/konten/neu',
			{ email: email.toUpperCase(), display_name: 'Doppelt', role_content: 'on' },
			'/verwaltung/konten/neu'
		);
		expect(duplicate.status).toBe(409);
		expect(mainText(duplicate.body)).toContain('Es gibt schon ein Konto mit dieser E-Mail-Adresse');
		expect(duplicate.body).toMatch(/name="display_name"[^>]*value="Doppelt"/);
		const noRole = await admin.submit(
			'/verwaltung/konten/neu',
			{ email: 'e2e-ohne-rolle@example.org', display_name: 'Ohne Rolle' },
			'/verwaltung/konten/neu'
		);
		expect(noRole.status).toBe(400);
		expect(mainText(noRole.body)).toContain('mindestens eine Rolle');

		const session = await HttpClient.login(email, password);
		expect((await session.get('/verwaltung')).status).toBe(200);
		expect(mainText((await admin.post(`${path}?/sperren`, {})).body)).toContain(
			'Das Konto ist gesperrt'
		);
		const locked = await session.get('/verwaltung');
		expect(locked.status).toBe(303);
		expect(locked.location).toMatch(/^\/anmelden/);
		const refused = await logIn(new HttpClient(), email, password);
		expect(mainText(refused.body)).toContain('Dieses Konto ist gesperrt');

		expect(mainText((await admin.post(`${path}?/freischalten`, {})).body)).toContain(
			'wieder freigeschaltet'
		);
		const again = await logIn(new HttpClient(), email, password);
		expect(again.status).toBe(303);
		expect(again.location).toBe('/verwaltung');
	});
});

describe('registration with a taken address (HTTP)', () => {
	it('answers it like a new one and mails the owner instead', async () => {
		const email = 'e2e-doppelt@example.org';
		const password = 'Registrier-Passwort-2025';
		const register = (address: string, name: string) =>
			new HttpClient().submit('/registrieren', {
				display_name: name,
				email: address,
				password,
				password_repeat: password,
				consent: 'on'
			});
		const first = await register(email, 'Erste Person');
		expect(first.status).toBeLessThan(400);
		// The first registration's own mail (sent after the answer) must not pass for the second's.
		await waitForNewMail(0, (m) => m.to.includes(email));
		const before = readMails().length;
		const second = await register(email.toUpperCase(), 'Zweite Person');
		expect(second.status).toBe(first.status);
		const answer = async (res: typeof first) =>
			mainText(res.location ? (await new HttpClient().get(res.location)).body : res.body);
		expect(await answer(second)).toBe(await answer(first));
		const mail = await waitForNewMail(before, (m) => m.to.includes(email));
		expect(mail.subject).toContain('Versuch einer Registrierung');
		expect(mail.text).toContain('schon ein Konto');
	});
});
