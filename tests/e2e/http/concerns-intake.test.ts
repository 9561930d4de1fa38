import { describe, expect, it } from 'vitest';
import { HttpClient, mainText } from '../http';
import { waitForMail } from '../support';

/**
 * Staff intake over HTTP against the built server, as a browser without JavaScript: who may open
 * the pages, a bad category name is a 400 in German (no markup comes back unescaped), and a desk
 * concern with an e-mail leads to a receipt whose status link works for anyone holding it and is
 * also mailed. The matrices (roles, input, inactive categories, contact messages) are in-process
 * (concerns-intake.test.ts); axe runs in the browser (concerns-intake).
 */

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;

describe('concerns intake over HTTP', () => {
	it('lets only the concerns role in', async () => {
		const staff = await HttpClient.as('concerns');
		for (const path of ['/verwaltung/anliegen/neu', '/verwaltung/anliegen/kategorien']) {
			const res = await staff.get(path);
			expect(res.status, path).toBe(200);
			expect(h1Count(res.body), path).toBe(1);
			expect((await (await HttpClient.as('content')).get(path)).status, path).toBe(403);
			expect((await new HttpClient().get(path)).status, path).toBe(303);
		}
	});

	it('refuses a category name with markup in German, escaped', async () => {
		const staff = await HttpClient.as('concerns');
		const res = await staff.submit(
			'/verwaltung/anliegen/kategorien',
			{ name: '<script>alert(1)</script>', description: '' },
			'/verwaltung/anliegen/kategorien?/add'
		);
		expect(res.status).toBe(400);
		expect(mainText(res.body)).toContain('darf keine spitzen Klammern');
		expect(res.body).not.toContain('<script>alert(1)</script>');
	});

	it('records a desk concern, prints the receipt and the status link works and is mailed', async () => {
		const staff = await HttpClient.as('concerns');
		const form = await staff.get('/verwaltung/anliegen/neu');
		const category = /name="category"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="category"/.exec(
			form.body
		)!;
		const marker = `D${Date.now()}`;
		const email = `schalter-${marker.toLowerCase()}@besucher.example`;
		const saved = await staff.post('/verwaltung/anliegen/neu', {
			channel: 'desk',
			category: category[1] ?? category[2],
			description: `Am Brunnen tropft es seit Tagen (${marker}).`,
			address: 'Marktplatz',
			visibility: 'private',
			name: 'Herr Schalter',
			email,
			phone: '',
			consentContact: 'on'
		});
		expect(saved.status, mainText(saved.body).slice(0, 400)).toBe(303);
		expect(saved.location).toMatch(
			/^\/verwaltung\/anliegen\/\d+\/beleg\?link=[\w-]+&neu=1&mail=1$/
		);
		const receipt = await staff.get(saved.location);
		expect(receipt.status).toBe(200);
		const text = mainText(receipt.body);
		const number = /KAS-\d{4}-\d{4,}/.exec(text)![0];
		expect(text).toContain('So verfolgen Sie Ihr Anliegen');
		expect(receipt.body).toContain('<svg');
		const statusPath = /\/anliegen\/status\/[\w-]+/.exec(text)![0];

		const holder = new HttpClient();
		const status = await holder.get(statusPath);
		expect(status.status).toBe(200);
		expect(mainText(status.body)).toContain(number);
		const mail = await waitForMail((m) => m.to.includes(email));
		expect(mail.text).toContain(number);
		// A receipt cannot be shown again from the address alone without a live link of its own.
		const id = /\/verwaltung\/anliegen\/(\d+)\//.exec(saved.location)![1];
		const bare = await staff.get(`/verwaltung/anliegen/${id}/beleg?link=${'x'.repeat(43)}`);
		expect(bare.status).toBe(200);
		expect(mainText(bare.body)).toContain('Beleg neu drucken');
		expect(mainText(bare.body)).not.toContain(number);
	});
});
