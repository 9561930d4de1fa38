import { describe, expect, it } from 'vitest';
import { HttpClient } from '../http';

/*
 * The public contact and feedback forms against the built server, without a browser: bad input
 * answers 4xx with a German message and never 500, and posts without the visitor's own CSRF
 * token are refused. The pages themselves (axe, widths) are browser tests.
 */
describe('contact forms: bad input and CSRF (HTTP)', () => {
	it('answers bad input with 4xx and a German message, never 500 (HTTP)', async () => {
		const page = new HttpClient();
		await page.get('/kontakt');
		const good = {
			name: 'Erika',
			email: 'erika@example.org',
			recipient: 'buero',
			subject: '',
			message: 'Hallo'
		};
		const cases: [string, Record<string, string>, number, string][] = [
			[
				'empty',
				{ name: '', email: '', recipient: 'buero', message: '' },
				400,
				'Bitte füllen Sie das Feld „Ihr Name“ aus.'
			],
			['nothing at all', {}, 400, 'Bitte füllen Sie das Feld „Ihre Nachricht“ aus.'],
			[
				'100 kB',
				{ ...good, message: 'x'.repeat(100_000) },
				400,
				'„Ihre Nachricht“ darf höchstens 5000 Zeichen lang sein.'
			],
			[
				'replacement char',
				{ ...good, message: 'a\uFFFDb' },
				400,
				'„Ihre Nachricht“ enthält ungültige Zeichen.'
			],
			[
				'control char',
				{ ...good, name: 'Erika\u0001' },
				400,
				'„Ihr Name“ enthält ungültige Zeichen.'
			],
			[
				'invalid e-mail',
				{ ...good, email: 'erika@' },
				400,
				'Bitte geben Sie bei „Ihre E-Mail-Adresse“ eine gültige E-Mail-Adresse ein'
			],
			[
				'unknown person',
				{ ...good, recipient: '987654' },
				400,
				'Bitte wählen Sie bei „An wen?“ eine der angebotenen Möglichkeiten.'
			],
			[
				'SQL as person',
				{ ...good, recipient: '1; DELETE FROM contact_messages' },
				400,
				'Bitte wählen Sie bei „An wen?“'
			],
			[
				'script in an invalid form',
				{ ...good, email: '', subject: '<script>alert(1)</script>' },
				400,
				'Bitte füllen Sie das Feld „Ihre E-Mail-Adresse“ aus.'
			]
		];
		for (const [label, fields, status, text] of cases) {
			const res = await page.post('/kontakt', fields);
			expect(res.status, label).toBe(status);
			expect(res.body, label).toContain(text);
			expect(res.body, label).not.toContain('<script>alert(1)</script>');
		}
		const escaped = await page.post('/kontakt', {
			...good,
			email: '',
			subject: '<script>alert(1)</script>'
		});
		expect(escaped.body).toMatch(/&lt;script(>|&gt;)alert\(1\)&lt;\/script/);

		await page.get('/barrierefreiheit');
		const feedback = {
			name: 'Max',
			email: 'max@example.org',
			feedbackType: 'barriere',
			message: 'Hallo'
		};
		const feedbackCases: [string, Record<string, string>, string][] = [
			['empty', {}, 'Bitte füllen Sie das Feld „Ihr Name“ aus.'],
			[
				'wrong type',
				{ ...feedback, feedbackType: 'lob' },
				'Bitte wählen Sie bei „Worum geht es?“ eine der angebotenen Möglichkeiten.'
			],
			[
				'100 kB',
				{ ...feedback, message: 'ü'.repeat(50_000) },
				'„Ihre Nachricht“ darf höchstens 5000 Zeichen lang sein.'
			],
			[
				'long page',
				{ ...feedback, pageUrl: 'https://'.padEnd(600, 'x') },
				'„Betroffene Seite“ darf höchstens 500 Zeichen lang sein.'
			]
		];
		for (const [label, fields, text] of feedbackCases) {
			const res = await page.post('/barrierefreiheit', fields);
			expect(res.status, label).toBe(400);
			expect(res.body, label).toContain(text);
		}
	});

	it('refuses posts without or with a foreign CSRF token (403, HTTP)', async () => {
		const page = new HttpClient();
		await page.get('/kontakt');
		const fields = {
			name: 'Erika',
			email: 'erika@example.org',
			recipient: 'buero',
			message: 'Hallo'
		};
		const missing = await page.post('/kontakt', fields, { csrf: false });
		expect(missing.status).toBe(403);
		expect(missing.body).toContain('Aus Sicherheitsgründen');

		// A valid token from another visitor's session is still foreign here.
		const other = new HttpClient();
		await other.get('/barrierefreiheit');
		const foreignToken = await other.csrf();
		const foreign = await page.post('/kontakt', { ...fields, _csrf: foreignToken });
		expect(foreign.status).toBe(403);
		const foreignFeedback = await page.post('/barrierefreiheit', {
			name: 'Max',
			email: 'max@example.org',
			feedbackType: 'barriere',
			message: 'Hallo',
			_csrf: foreignToken
		});
		expect(foreignFeedback.status).toBe(403);
	});
});
