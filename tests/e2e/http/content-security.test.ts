import { beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, idsInLinks, mainText, postOk } from '../http';

/*
 * The content back office over HTTP (no browser): every page and action against anonymous
 * visitors and the wrong role, CSRF, bad input, ids. Hundreds of requests in a few seconds.
 */

/** The ids in the edit links of a back-office list, in page order. */
async function idsOnList(client: HttpClient, listPath: string): Promise<number[]> {
	const res = await client.get(listPath);
	expect(res.status, listPath).toBe(200);
	return idsInLinks(res.body, listPath);
}

/** Valid input for each form; bad-input cases change one field at a time. */
const VALID = {
	site: {
		neighbourhoodName: 'Kaster',
		townName: 'Bedburg',
		regionName: 'Rhein-Erft-Kreis, Nordrhein-Westfalen',
		officeName: 'Quartiersmanagement Kaster',
		tagline: 'Anlaufstelle und Treffpunkt für alle in Kaster',
		intro: 'Einleitung',
		aboutText: 'Text',
		tasks: 'Aufgabe eins\nAufgabe zwei',
		goals: 'Ziel',
		invitation: '',
		contactEmail: '',
		contactPhone: '',
		accessibilityEnforcementBody: 'Ombudsstelle',
		accessibilityReviewedOn: new Date().toISOString().slice(0, 10)
	},
	venue: {
		name: 'Haus der Begegnung',
		description: 'Treffpunkt',
		street: '',
		postalCode: '',
		city: '',
		openingHours: '',
		accessibility: ''
	},
	person: {
		roleTitle: 'Testaufgabe',
		name: 'Frau Test',
		responsibilities: '',
		email: '',
		phone: '',
		officeHours: '',
		vacancyNote: '',
		substituteId: '',
		sortOrder: '9'
	},
	page: { title: 'Datenschutzerklärung', body: 'Text der Seite' },
	notice: {
		title: 'Testhinweis',
		body: '',
		priority: 'info',
		startsAt: '2030-01-01T10:00',
		endsAt: ''
	},
	news: { title: 'Testmeldung', slug: '', summary: '', body: 'Inhalt' }
};

type Form = {
	path: string;
	valid: Record<string, string>;
	title: string;
	titleLabel: string;
	body: string;
	bodyLabel: string;
};

describe('content back office: roles, bad input, ids', () => {
	let editor: HttpClient;
	let admin: HttpClient;
	let ids: { person: number; notice: number; news: number; venue: number };
	let forms: Form[];

	beforeAll(async () => {
		editor = await HttpClient.as('content');
		admin = await HttpClient.as('admin');
		// Records of our own to edit, so that the checks never depend on other test files.
		await postOk(editor, '/verwaltung/ansprechpersonen/neu', VALID.person);
		await postOk(editor, '/verwaltung/hinweise/neu', VALID.notice);
		await postOk(editor, '/verwaltung/neuigkeiten/neu', {
			...VALID.news,
			slug: `sicherheit-${Date.now()}`
		});
		const person = Math.max(...(await idsOnList(editor, '/verwaltung/ansprechpersonen')));
		const notice = Math.max(...(await idsOnList(editor, '/verwaltung/hinweise')));
		const news = Math.max(...(await idsOnList(editor, '/verwaltung/neuigkeiten')));
		// The main venue (the first place on the list): the edit form the seed has.
		const [venue] = await idsOnList(editor, '/verwaltung/haus');
		ids = { person, notice, news, venue };
		forms = [
			{
				path: `/verwaltung/haus/${ids.venue}`,
				valid: VALID.venue,
				title: 'name',
				titleLabel: 'Name des Hauses',
				body: 'description',
				bodyLabel: 'Beschreibung'
			},
			{
				path: '/verwaltung/ansprechpersonen/neu',
				valid: VALID.person,
				title: 'roleTitle',
				titleLabel: 'Aufgabe oder Stelle',
				body: 'responsibilities',
				bodyLabel: 'Zuständig für'
			},
			{
				path: `/verwaltung/ansprechpersonen/${person}?/save`,
				valid: VALID.person,
				title: 'roleTitle',
				titleLabel: 'Aufgabe oder Stelle',
				body: 'officeHours',
				bodyLabel: 'Sprechzeiten'
			},
			{
				path: '/verwaltung/seiten/datenschutz',
				valid: VALID.page,
				title: 'title',
				titleLabel: 'Überschrift',
				body: 'body',
				bodyLabel: 'Text'
			},
			{
				path: '/verwaltung/hinweise/neu',
				valid: VALID.notice,
				title: 'title',
				titleLabel: 'Überschrift',
				body: 'body',
				bodyLabel: 'Text'
			},
			{
				path: `/verwaltung/hinweise/${notice}?/save`,
				valid: VALID.notice,
				title: 'title',
				titleLabel: 'Überschrift',
				body: 'body',
				bodyLabel: 'Text'
			},
			{
				path: '/verwaltung/neuigkeiten/neu',
				valid: VALID.news,
				title: 'title',
				titleLabel: 'Überschrift',
				body: 'body',
				bodyLabel: 'Text'
			},
			{
				path: `/verwaltung/neuigkeiten/${news}?/save`,
				valid: VALID.news,
				title: 'title',
				titleLabel: 'Überschrift',
				body: 'body',
				bodyLabel: 'Text'
			}
		];
	});

	const actionPaths = () => [
		'/verwaltung/quartier',
		...forms.map((f) => f.path),
		`/verwaltung/ansprechpersonen/${ids.person}?/delete`,
		`/verwaltung/hinweise/${ids.notice}?/delete`,
		`/verwaltung/neuigkeiten/${ids.news}?/delete`
	];
	const loadPaths = () => [
		'/verwaltung/haus',
		'/verwaltung/haus/neu',
		`/verwaltung/haus/${ids.venue}`,
		'/verwaltung/ansprechpersonen',
		'/verwaltung/ansprechpersonen/neu',
		`/verwaltung/ansprechpersonen/${ids.person}`,
		'/verwaltung/seiten',
		'/verwaltung/seiten/impressum',
		'/verwaltung/hinweise',
		'/verwaltung/hinweise/neu',
		`/verwaltung/hinweise/${ids.notice}`,
		'/verwaltung/neuigkeiten',
		'/verwaltung/neuigkeiten/neu',
		`/verwaltung/neuigkeiten/${ids.news}`
	];

	it('sends anonymous visitors to the login, for every page and every action', async () => {
		const anonymous = new HttpClient();
		await anonymous.get('/anmelden');
		for (const path of ['/verwaltung/quartier', ...loadPaths()]) {
			const res = await anonymous.get(path);
			expect(res.status, path).toBe(303);
			expect(res.location, path).toMatch(/^\/anmelden\?weiter=/);
		}
		for (const path of actionPaths()) {
			const res = await anonymous.post(path, { confirm: 'on', title: 'x' });
			expect(res.status, path).toBe(303);
		}
	});

	it('refuses staff without the role (403) for every page and every action', async () => {
		const rooms = await HttpClient.as('rooms');
		for (const path of ['/verwaltung/quartier', ...loadPaths()]) {
			const res = await rooms.get(path);
			expect(res.status, path).toBe(403);
		}
		await rooms.get('/verwaltung');
		for (const path of actionPaths()) {
			const res = await rooms.post(path, { confirm: 'on', title: 'x' });
			expect(res.status, path).toBe(403);
		}
		// The site settings are for admins only, not for content editors.
		expect((await editor.get('/verwaltung/quartier')).status).toBe(403);
		const overview = await editor.get('/verwaltung');
		const res = await editor.post('/verwaltung/quartier', VALID.site);
		expect(res.status).toBe(403);
		expect(mainText(overview.body)).not.toContain('Barrierefreiheit prüfen');
		// Nothing was deleted on the way.
		for (const [list, id] of [
			['/verwaltung/ansprechpersonen', ids.person],
			['/verwaltung/hinweise', ids.notice],
			['/verwaltung/neuigkeiten', ids.news]
		] as const) {
			expect(await idsOnList(editor, list), list).toContain(id);
		}
	});

	it('refuses missing or foreign CSRF tokens with 403', async () => {
		const stranger = new HttpClient();
		const foreign = await stranger.csrf();
		for (const path of [...forms.map((f) => f.path), '/verwaltung/quartier']) {
			const missing = await editor.post(path, { title: 'x' }, { csrf: false });
			expect(missing.status, path).toBe(403);
			const wrong = await editor.post(path, { _csrf: foreign, title: 'x' });
			expect(wrong.status, path).toBe(403);
		}
	});

	it('answers bad input on every form with 400, a German message naming the field and the input kept', async () => {
		const newsBefore = (await idsOnList(editor, '/verwaltung/neuigkeiten')).length;
		const script = '<script>alert("x")</script>';
		for (const form of forms) {
			const cases: [string, Record<string, string>, string][] = [
				['empty', { [form.title]: '' }, `Bitte füllen Sie das Feld „${form.titleLabel}“ aus.`],
				['100 kB', { [form.body]: 'x'.repeat(100_000) }, `„${form.bodyLabel}“ darf höchstens`],
				[
					'replacement char',
					{ [form.title]: 'kaputt \uFFFD' },
					`„${form.titleLabel}“ enthält ungültige Zeichen`
				],
				[
					'control char',
					{ [form.body]: 'a\u0001b' },
					`„${form.bodyLabel}“ enthält ungültige Zeichen`
				],
				// Markup comes back escaped next to an error elsewhere.
				[
					'script kept escaped',
					{ [form.title]: '', [form.body]: script },
					`„${form.titleLabel}“ aus`
				]
			];
			for (const [name, change, message] of cases) {
				const res = await editor.post(form.path, { ...form.valid, ...change });
				expect(res.status, `${form.path} ${name}`).toBe(400);
				expect(res.body, `${form.path} ${name}`).toContain(message);
				expect(res.body).toContain('class="error-summary"');
				expect(res.body).not.toContain(script);
				if (name === 'script kept escaped') {
					expect(res.body, form.path).toMatch(/&lt;script(>|&gt;)alert\("x"\)&lt;\/script/);
				}
			}
		}
		// Wrong types: a file where text belongs, nonsense in selects, numbers and dates.
		const wrong = await editor.post('/verwaltung/hinweise/neu', {
			title: new File(['x'], 'a.txt', { type: 'text/plain' }),
			priority: 'sehr wichtig',
			startsAt: 'gestern',
			endsAt: '2030-13-45T25:61'
		});
		expect(wrong.status).toBe(400);
		const wrongBody = wrong.body;
		expect(wrongBody).toContain('„Überschrift“ muss ein Text sein');
		expect(wrongBody).toContain('Bitte wählen Sie bei „Art des Hinweises“');
		expect(wrongBody).toContain('ein gültiges Datum ein');
		const person = await editor.post('/verwaltung/ansprechpersonen/neu', {
			...VALID.person,
			substituteId: 'abc',
			sortOrder: 'zehn',
			email: 'keine-adresse'
		});
		expect(person.status).toBe(400);
		expect(person.body).toContain('„Reihenfolge“');
		expect(person.body).toContain('„Vertretung“');
		expect(person.body).toContain('„E-Mail-Adresse“');
		const site = await admin.post('/verwaltung/quartier', {
			...VALID.site,
			contactPhone: 'ruf an',
			accessibilityReviewedOn: '31.02.2024',
			tasks: 'x'.repeat(600)
		});
		expect(site.status).toBe(400);
		expect(site.body).toContain('„Telefonnummer des Büros“');
		expect(site.body).toContain('„Erklärung zur Barrierefreiheit zuletzt geprüft am“');
		expect(site.body).toContain('Zeile bei „Aufgaben“');
		// End before start names the field.
		const window = await editor.post('/verwaltung/hinweise/neu', {
			...VALID.notice,
			endsAt: '2029-12-31T10:00'
		});
		expect(window.status).toBe(400);
		expect(window.body).toContain('„Anzeigen bis“ muss nach „Anzeigen ab“ liegen.');
		// Nothing half-stored.
		expect((await idsOnList(editor, '/verwaltung/neuigkeiten')).length).toBe(newsBefore);
	});

	it('stores markup and SQL literally and shows them escaped', async () => {
		const stamp = Date.now();
		const title = `<img src=x onerror=alert(1)> '; DROP TABLE news_posts; -- ${stamp}`;
		await postOk(editor, '/verwaltung/neuigkeiten/neu', {
			...VALID.news,
			title,
			slug: `literal-${stamp}`,
			summary: '<script>alert(2)</script>',
			published: 'on'
		});
		const detail = await editor.get(`/aktuelles/literal-${stamp}`);
		expect(detail.status).toBe(200);
		const html = detail.body;
		expect(html).toMatch(/&lt;img src=x onerror=alert\(1\)(>|&gt;) '; DROP TABLE news_posts; --/);
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('<script>alert(2)');
		const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';
		expect(mainText(h1)).toBe(title);

		const slugTaken = await editor.post('/verwaltung/neuigkeiten/neu', {
			...VALID.news,
			slug: `literal-${stamp}`
		});
		expect(slugTaken.status).toBe(409);
		expect(slugTaken.body).toContain(
			'„Kurzadresse“ wird schon für eine andere Neuigkeit verwendet'
		);
		const slugBad = await editor.post('/verwaltung/neuigkeiten/neu', {
			...VALID.news,
			slug: 'Über uns'
		});
		expect(slugBad.status).toBe(400);
		expect(slugBad.body).toContain('„Kurzadresse“ darf nur Kleinbuchstaben');
	});

	it('answers invalid or unknown ids with 404, never 500', async () => {
		for (const path of [
			'/verwaltung/hinweise/abc',
			'/verwaltung/hinweise/999999',
			'/verwaltung/hinweise/0',
			'/verwaltung/hinweise/-1',
			'/verwaltung/hinweise/99999999999',
			'/verwaltung/neuigkeiten/abc',
			'/verwaltung/neuigkeiten/999999',
			'/verwaltung/ansprechpersonen/1.5',
			'/verwaltung/ansprechpersonen/999999',
			'/verwaltung/seiten/kontakt',
			'/aktuelles/gibt-es-nicht',
			'/aktuelles/%3Cscript%3E',
			'/aktuelles?seite=999'
		]) {
			const res = await editor.get(path);
			expect(res.status, path).toBe(404);
			expect(res.body, path).toContain('Seite nicht gefunden');
		}
		for (const path of [
			'/verwaltung/hinweise/999999?/save',
			'/verwaltung/hinweise/999999?/delete',
			'/verwaltung/neuigkeiten/999999?/save',
			'/verwaltung/neuigkeiten/999999?/delete',
			'/verwaltung/ansprechpersonen/999999?/save',
			'/verwaltung/ansprechpersonen/999999?/delete',
			'/verwaltung/hinweise/abc?/save'
		]) {
			const base = path.split('/')[2];
			const valid =
				base === 'hinweise' ? VALID.notice : base === 'neuigkeiten' ? VALID.news : VALID.person;
			const res = await editor.post(path, { ...valid, confirm: 'on' });
			expect(res.status, path).toBe(404);
		}
	});

	it('deletes with confirmation and records it', async () => {
		const unconfirmed = await editor.post(`/verwaltung/hinweise/${ids.notice}?/delete`, {});
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.body).toContain('Bitte bestätigen Sie „Löschen bestätigen“.');
		expect(await idsOnList(editor, '/verwaltung/hinweise')).toContain(ids.notice);
		await postOk(editor, `/verwaltung/hinweise/${ids.notice}?/delete`, { confirm: 'on' });
		expect(await idsOnList(editor, '/verwaltung/hinweise')).not.toContain(ids.notice);
		expect((await editor.get(`/verwaltung/hinweise/${ids.notice}`)).status).toBe(404);
	});
});
