import { describe, expect, it } from 'vitest';
import { HttpClient, mainText, postOk } from '../http';

/**
 * Merging duplicates and the statistics page over HTTP against the built server. The merge
 * matrix, the suggestions and the numbers are in-process (concerns-merge.test.ts); axe runs in
 * the browser project. Here: the pages answer, nothing personal shows, a merge goes through the
 * form and the merged concern's public page leads to the other one.
 */

async function submitConcern(client: HttpClient, fields: Record<string, string>): Promise<string> {
	const form = await client.get('/anliegen/neu');
	const category = /name="category"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="category"/.exec(
		form.body
	)!;
	const res = await client.submit('/anliegen/neu', {
		category: category[1] ?? category[2],
		...fields
	});
	expect(res.status).toBe(303);
	return /nr=(KAS-\d{4}-\d{4,})/.exec(res.location)![1];
}

describe('merging duplicates and the statistics over HTTP', () => {
	it('shows the public statistics as tables without anything personal or private', async () => {
		const visitor = new HttpClient();
		const marker = `S${Date.now()}`;
		await submitConcern(visitor, {
			description: `Öffentlich ${marker}: Der Gehweg ist aufgebrochen.`,
			visibility: 'public',
			name: `Erika ${marker}`,
			email: `stat-${marker.toLowerCase()}@besucher.example`
		});
		await submitConcern(visitor, {
			description: `Privat ${marker}: Ärger im Haus.`,
			visibility: 'private',
			name: `Geheim ${marker}`
		});

		expect((await visitor.get('/anliegen')).body).toMatch(/href="[./]*anliegen\/statistik"/);
		const res = await visitor.get('/anliegen/statistik');
		expect(res.status).toBe(200);
		expect((res.body.match(/<h1[\s>]/g) ?? []).length).toBe(1);
		expect((res.body.match(/<caption/g) ?? []).length).toBe(3);
		const text = mainText(res.body);
		for (const shown of ['Anliegen nach Stand', 'Anliegen nach Kategorie', 'Letzte 12 Monate']) {
			expect(text).toContain(shown);
		}
		for (const hidden of [marker, 'besucher.example', 'Geheim', 'Privat']) {
			expect(res.body).not.toContain(hidden);
		}
		// No inline styles: the CSP would block them; the bars are SVG.
		expect(res.body).not.toMatch(/<td[^>]* style=/);
	});

	it('merges a duplicate through the staff form; the public page leads to the other one', async () => {
		const visitor = new HttpClient();
		const marker = `D${Date.now()}`;
		const kept = await submitConcern(visitor, {
			description: `Straßenlaterne Mühlenweg ${marker} flackert nachts.`,
			address: `Mühlenweg ${marker}`,
			visibility: 'public'
		});
		const duplicate = await submitConcern(visitor, {
			description: `Die Straßenlaterne am Mühlenweg ${marker} flackert.`,
			address: `Mühlenweg ${marker}`,
			visibility: 'public'
		});
		const staff = await HttpClient.as('concerns');
		const inbox = await staff.get(`/verwaltung/anliegen?q=${duplicate}`);
		expect(mainText(inbox.body)).toContain('Statistik');
		const id = new RegExp(`/verwaltung/anliegen/(\\d+)">${duplicate}`).exec(inbox.body)![1];
		const detail = mainText((await staff.get(`/verwaltung/anliegen/${id}`)).body);
		// The other report is suggested (same category, same address, similar words).
		expect(detail).toContain(kept);

		const self = await staff.post(`/verwaltung/anliegen/${id}?/merge`, { reference: duplicate });
		expect(self.status).toBe(409);
		expect(mainText(self.body)).toContain('nicht mit sich selbst zusammengeführt');

		await postOk(staff, `/verwaltung/anliegen/${id}?/merge`, { target: kept, reference: '' });
		const page = await visitor.get(`/anliegen/${duplicate}`);
		expect(page.status).toBe(200);
		expect(mainText(page.body)).toContain(`Zusammengeführt mit ${kept}`);
		expect(page.body).toContain(`href="/anliegen/${kept}"`);
	});
});
