import { describe, expect, it } from 'vitest';
import { slugify } from './slugify';

describe('slugify', () => {
	it('transliterates German umlauts and ß', () => {
		expect(slugify('Größere Räume für Übungen')).toBe('groessere-raeume-fuer-uebungen');
		expect(slugify('ÄÖÜ äöü ß')).toBe('aeoeue-aeoeue-ss');
	});

	it('drops other accents and punctuation, collapsing hyphens', () => {
		expect(slugify('  Café & Crêpes: Sommer-Fest 2025!  ')).toBe('cafe-crepes-sommer-fest-2025');
		expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
	});

	it('returns empty when nothing usable is left', () => {
		expect(slugify('🎉🎉')).toBe('');
		expect(slugify('---')).toBe('');
	});

	it('cuts long titles at a word boundary', () => {
		const slug = slugify('Ein sehr langer Titel '.repeat(10));
		expect(slug.length).toBeLessThanOrEqual(80);
		expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		expect(slug.endsWith('-')).toBe(false);
	});
});
