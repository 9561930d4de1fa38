import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import RecordHistory from './RecordHistory.svelte';

// Without Svelte's hydration markers, to read like the HTML a browser gets.
const html = (props: Parameters<typeof RecordHistory>[1]) =>
	render(RecordHistory, { props }).body.replace(/<!--.*?-->/g, '');

describe('RecordHistory', () => {
	it('says so when nothing is recorded', () => {
		const body = html({ history: { entries: [], truncated: false } });
		expect(body).toContain('Verlauf</h2>');
		expect(body).toContain('Noch keine Änderungen aufgezeichnet.');
		expect(body).not.toContain('<ol');
	});

	it('lists entries with a machine-readable time and the changed fields before and after', () => {
		const body = html({
			history: {
				truncated: true,
				entries: [
					{
						id: 1,
						at: new Date('2026-10-25T00:30:00Z'),
						actionLabel: 'Hinweis geändert',
						actorName: 'Frau <Redaktion>',
						changes: [
							{ field: 'title', before: 'Alt', after: 'Neu' },
							{ field: 'endsAt', before: null, after: '2026-03-29T01:30:00.000Z' },
							{ field: 'published', before: false, after: true }
						]
					}
				]
			},
			fieldLabels: { title: 'Überschrift' },
			headingLevel: 3
		});
		expect(body).toContain('<h3 id="verlauf-heading">Verlauf</h3>');
		expect(body).toContain('aria-labelledby="verlauf-heading"');
		expect(body).toContain('<time datetime="2026-10-25T00:30:00.000Z">25.10.2026, 02:30</time>');
		expect(body).toContain('Frau &lt;Redaktion>');
		expect(body).toMatch(
			/<th scope="row">Überschrift<\/th>\s*<td[^>]*>Alt<\/td>\s*<td[^>]*>Neu<\/td>/
		);
		// Unlabelled fields show their name; empty, dates and yes/no are shown for people.
		expect(body).toMatch(
			/<th scope="row">endsAt<\/th>\s*<td[^>]*>\(leer\)<\/td>\s*<td[^>]*>29\.03\.2026, 03:30<\/td>/
		);
		expect(body).toMatch(/<td[^>]*>nein<\/td>\s*<td[^>]*>ja<\/td>/);
		expect(body).toContain('Es werden die letzten 1 Einträge gezeigt.');
	});

	it('names fields and stored values by the labels the history carries, or the ones given', () => {
		const body = html({
			history: {
				truncated: false,
				fieldLabels: { roles: 'Rollen', priority: 'Art' },
				valueLabels: {
					roles: { rooms: 'Räume', content: 'Inhalte' },
					priority: { info: 'Hinweis' }
				},
				entries: [
					{
						id: 2,
						at: new Date('2026-05-01T10:00:00Z'),
						actionLabel: 'Rollen geändert',
						actorName: 'Herr Admin',
						changes: [
							{ field: 'roles', before: [], after: ['rooms', 'content', 'gone'] },
							{ field: 'priority', before: 'info', after: 'urgent' },
							{ field: 'substituteId', before: 3, after: 4 }
						]
					}
				]
			},
			fieldLabels: { priority: 'Art des Hinweises' },
			valueLabels: { substituteId: { '4': 'Frau Lindner' } }
		});
		// An empty list is empty; a value without a label shows as stored.
		expect(body).toMatch(
			/<th scope="row">Rollen<\/th>\s*<td[^>]*>\(leer\)<\/td>\s*<td[^>]*>Räume, Inhalte, gone<\/td>/
		);
		expect(body).toMatch(
			/<th scope="row">Art des Hinweises<\/th>\s*<td[^>]*>Hinweis<\/td>\s*<td[^>]*>urgent<\/td>/
		);
		expect(body).toMatch(
			/<th scope="row">substituteId<\/th>\s*<td[^>]*>3<\/td>\s*<td[^>]*>Frau Lindner<\/td>/
		);
	});
});
