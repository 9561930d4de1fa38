import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { field, parseFormData } from '../form';
import { hasBidiControls, revealInvisible, revealInvisibleIn } from './invisible-chars';

const schema = z.object({
	name: field.text(() => 'Name'),
	subject: field.optionalText(() => 'Betreff'),
	email: field.email(() => 'E-Mail'),
	message: field.longText(() => 'Nachricht')
});
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries({
		name: 'Anna',
		subject: '',
		email: 'a@example.org',
		message: 'Hallo',
		...fields
	}))
		data.append(k, v);
	return data;
};

describe('invisible characters', () => {
	const BIDI = [
		'\u202E',
		'\u202A',
		'\u202B',
		'\u202C',
		'\u202D',
		'\u2066',
		'\u2067',
		'\u2068',
		'\u2069',
		'\u200E',
		'\u200F',
		'\u061C'
	];

	it.each(BIDI.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))(
		'refuses %s in single-line fields with a German message',
		(_, c) => {
			const result = parseFormData(form({ name: `RTL ${c}gnp.exe`, subject: `a${c}b` }), schema);
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.errors.name).toMatch(/^Name enthält unsichtbare Steuerzeichen/);
			expect(result.errors.subject).toMatch(/^Betreff enthält unsichtbare Steuerzeichen/);
			// The input comes back so the person can correct it.
			expect(result.values.name).toBe(`RTL ${c}gnp.exe`);
		}
	);

	it('keeps ordinary right-to-left text and emoji in single-line fields', () => {
		const result = parseFormData(form({ name: 'سلام Anna 👩‍👩‍👧' }), schema);
		expect(result.ok).toBe(true);
	});

	it('lets multi-line bodies through (they are shown to staff with the characters made visible)', () => {
		const result = parseFormData(form({ message: 'Bild: \u202Egnp.exe\u202C' }), schema);
		expect(result.ok).toBe(true);
	});

	it('shows the characters visibly', () => {
		expect(revealInvisible('RTL \u202Egnp.exe\u202C')).toBe('RTL ⟨U+202E⟩gnp.exe⟨U+202C⟩');
		expect(revealInvisible('a\u2066b\u2069\u200Bc\uFEFF')).toBe(
			'a⟨U+2066⟩b⟨U+2069⟩⟨U+200B⟩c⟨U+FEFF⟩'
		);
		expect(revealInvisible('Grüße 👩‍👩‍👧 سلام')).toBe('Grüße 👩‍👩‍👧 سلام');
		expect(hasBidiControls('a\u202Eb')).toBe(true);
		expect(hasBidiControls('سلام')).toBe(false);
	});

	it('reveals every text field of a record and leaves the rest alone', () => {
		const at = new Date();
		expect(revealInvisibleIn({ name: 'x\u202Ey', id: 3, at, none: null })).toEqual({
			name: 'x⟨U+202E⟩y',
			id: 3,
			at,
			none: null
		});
	});
});
