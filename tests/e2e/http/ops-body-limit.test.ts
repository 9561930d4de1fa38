import { describe, expect, it } from 'vitest';
import { baseUrl } from '../support';

describe('oversized form posts', () => {
	it('answer 413 with a German message instead of a CSRF failure', async () => {
		const body = new URLSearchParams({ message: 'a'.repeat(700_000) });
		const res = await fetch(`${baseUrl()}/kontakt`, {
			method: 'POST',
			headers: {
				origin: baseUrl(),
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body
		});
		expect(res.status).toBe(413);
		expect(await res.text()).toContain('Die gesendeten Daten sind zu groß');
	});
});
