import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { field, parseFormData } from './form';
import { describeField, describeForm } from './form-meta';

/*
 * The form kit's builders: dates and times typed or sent by browsers, checkbox groups, and the
 * descriptions describeForm hands to the page.
 */

const FILE = new File(['hallo'], 'hallo.txt', { type: 'text/plain' });

function errorOf(schema: z.ZodType, input: unknown): string {
	const result = schema.safeParse(input);
	if (result.success) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
	return result.error.issues[0].message;
}

describe('field.date and field.optionalDate', () => {
	const required = field.date(() => 'Datum');
	const optional = field.optionalDate(() => 'Datum');

	it('accept the ISO value and the typed German form, giving yyyy-mm-dd', () => {
		expect(required.parse('2026-11-29')).toBe('2026-11-29');
		expect(required.parse('29.11.2026')).toBe('2026-11-29');
		expect(optional.parse('1.2.2026')).toBe('2026-02-01');
		expect(optional.parse('')).toBeNull();
		expect(optional.parse('  ')).toBeNull();
		expect(optional.parse(undefined)).toBeNull();
	});

	it('ask for a required date when it is missing', () => {
		for (const input of ['', ' ', undefined]) {
			expect(errorOf(required, input)).toBe('Bitte füllen Sie das Feld „Datum“ aus.');
		}
	});

	it('answer bad input with a clear German message', () => {
		const format =
			'Bitte geben Sie bei „Datum“ ein Datum im Format TT.MM.JJJJ ein, zum Beispiel 29.11.2026.';
		const noSuchDay = 'Das Datum bei „Datum“ gibt es nicht. Bitte prüfen Sie Tag und Monat.';
		for (const schema of [required, optional]) {
			expect(errorOf(schema, '31.02.2026')).toBe(noSuchDay);
			expect(errorOf(schema, '2026-13-01')).toBe(noSuchDay);
			for (const input of [
				'<script>alert(1)</script>',
				'x'.repeat(100_000),
				'٢٩.١١.٢٠٢٦',
				'29.11.26'
			]) {
				expect(errorOf(schema, input)).toBe(format);
			}
			expect(errorOf(schema, '29.11.0202')).toBe(
				'Bitte geben Sie bei „Datum“ ein Jahr zwischen 1900 und 2199 ein.'
			);
			expect(errorOf(schema, FILE)).toBe('„Datum“ muss ein Text sein, keine Datei.');
		}
	});
});

describe('field.time and field.optionalTime', () => {
	const required = field.time(() => 'Beginn');
	const optional = field.optionalTime(() => 'Beginn');

	it('accept 09:30, 9:30 and 09.30, giving hh:mm', () => {
		for (const input of ['09:30', '9:30', '09.30', '9.30 Uhr']) {
			expect(required.parse(input), input).toBe('09:30');
		}
		expect(optional.parse('')).toBeNull();
	});

	it('answer bad input with a clear German message', () => {
		expect(errorOf(required, '')).toBe('Bitte füllen Sie das Feld „Beginn“ aus.');
		expect(errorOf(required, '25:00')).toBe(
			'Die Uhrzeit bei „Beginn“ gibt es nicht. Stunden gehen von 0 bis 23, Minuten von 0 bis 59.'
		);
		for (const input of ['halb zehn', '<script>', 'x'.repeat(100_000), '٩:٣٠']) {
			expect(errorOf(optional, input)).toBe(
				'Bitte geben Sie bei „Beginn“ eine Uhrzeit im Format hh:mm ein, zum Beispiel 09:30.'
			);
		}
	});
});

describe('field.choices (checkbox group)', () => {
	const NEEDS = ['chairs', 'kitchen', 'beamer'] as const;
	const schema = z.object({
		needs: field.choices(() => 'Bedarf', NEEDS, { min: 1 }),
		extras: field.choices(() => 'Extras', NEEDS)
	});
	const form = (entries: [string, string | Blob][]) => {
		const data = new FormData();
		for (const [k, v] of entries) data.append(k, v);
		return data;
	};

	it('takes every ticked box, in the list order, each once, and echoes them', () => {
		const result = parseFormData(
			form([
				['needs', 'beamer'],
				['needs', 'chairs'],
				['needs', 'beamer']
			]),
			schema
		);
		expect(result.ok && result.data).toEqual({ needs: ['chairs', 'beamer'], extras: [] });
		expect(result.values.needs).toBe('beamer\nchairs\nbeamer');
	});

	it('asks for at least one and refuses values that are not offered', () => {
		const none = parseFormData(form([]), schema);
		expect(!none.ok && none.errors.needs).toBe(
			'Bitte wählen Sie bei „Bedarf“ mindestens eine Möglichkeit.'
		);
		for (const bad of ['piano', '<script>', FILE]) {
			const result = parseFormData(
				form([
					['needs', 'chairs'],
					['needs', bad]
				]),
				schema
			);
			expect(!result.ok && result.errors.needs).toBe(
				'Bitte wählen Sie bei „Bedarf“ eine der angebotenen Möglichkeiten.'
			);
		}
	});

	it('still keeps only the first value of an ordinary field sent twice', () => {
		const single = z.object({ name: field.text(() => 'Name') });
		const result = parseFormData(
			form([
				['name', 'Anna'],
				['name', 'Bert']
			]),
			single
		);
		expect(result.ok && result.data).toEqual({ name: 'Anna' });
	});
});

describe('describeForm', () => {
	const PLACES = ['house', 'online'] as const;
	const schema = z.object({
		title: field.text(() => 'Titel', 120, { hint: () => 'Kurz und klar.' }),
		body: field.optionalLongText(() => 'Text', 2000),
		email: field.email(() => 'E-Mail'),
		place: field.choice(() => 'Ort', PLACES, {
			choiceLabel: (p) => (p === 'house' ? 'Haus der Begegnung' : 'Online'),
			choiceHint: (p) => (p === 'house' ? 'Großer Saal' : undefined)
		}),
		needs: field.choices(() => 'Bedarf', PLACES),
		day: field.date(() => 'Tag'),
		at: field.optionalTime(() => 'Uhrzeit'),
		// A builder's schema refined and transformed further keeps its description.
		refined: field
			.text(() => 'Verfeinert', 50)
			.refine((s) => s !== 'x')
			.transform((s) => s.toUpperCase()),
		custom: describeField(z.string().regex(/^\d+$/), { label: () => 'Eigen', required: true }),
		bare: z.string()
	});

	it('gives label, hint, limit, requiredness and choices from the schema', () => {
		const fields = describeForm(schema);
		expect(fields.title).toEqual({
			name: 'title',
			label: 'Titel',
			hint: 'Kurz und klar.',
			maxLength: 120,
			required: true,
			kind: 'text'
		});
		expect(fields.body).toMatchObject({ required: false, maxLength: 2000, kind: 'textarea' });
		expect(fields.email).toMatchObject({ required: true, kind: 'email', maxLength: 254 });
		expect(fields.place.choices).toEqual([
			{ value: 'house', label: 'Haus der Begegnung', hint: 'Großer Saal' },
			{ value: 'online', label: 'Online' }
		]);
		expect(fields.needs).toMatchObject({ multiple: true, required: false });
		expect(fields.day).toMatchObject({ kind: 'date', required: true });
		expect(fields.at).toMatchObject({ kind: 'time', required: false });
		expect(fields.refined).toMatchObject({ label: 'Verfeinert', maxLength: 50 });
		expect(fields.custom).toEqual({ name: 'custom', label: 'Eigen', required: true });
		// Undescribed: its name shows, so the gap is seen rather than hidden.
		expect(fields.bare).toEqual({ name: 'bare', label: 'bare', required: false });
	});

	it('is plain data a load can return', () => {
		const fields = describeForm(schema);
		expect(JSON.parse(JSON.stringify(fields))).toEqual(fields);
	});
});
