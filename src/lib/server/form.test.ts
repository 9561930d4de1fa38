import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { field, parseForm, parseFormData } from './form';
import { localToInstant, toLocalInput } from './time';

const label = () => 'Vorname';
const HUGE = 'x'.repeat(100_000);
const FILE = new File(['hallo'], 'hallo.txt', { type: 'text/plain' });

/** The first error message of a failed parse (the test fails if the parse succeeds). */
function errorOf(schema: z.ZodType, input: unknown): string {
	const result = schema.safeParse(input);
	if (result.success) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
	return result.error.issues[0].message;
}

function form(entries: Record<string, string | Blob | (string | Blob)[]>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) {
		for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
	}
	return data;
}

describe('field.text', () => {
	const schema = field.text(label, 20);

	it('accepts and tidies a normal value', () => {
		expect(schema.parse('  Anna   Maria \n ')).toBe('Anna Maria');
	});

	it('asks for the field by name when empty, blank or missing', () => {
		for (const input of ['', '   ', '\n\t', undefined]) {
			expect(errorOf(schema, input)).toBe('Bitte füllen Sie das Feld „Vorname“ aus.');
		}
	});

	it('refuses a value that is too long, naming field and limit', () => {
		expect(errorOf(schema, 'a'.repeat(21))).toBe('„Vorname“ darf höchstens 20 Zeichen lang sein.');
		expect(errorOf(field.text(label), HUGE)).toContain('höchstens 200 Zeichen');
	});

	it('refuses files, blobs, numbers and objects as text', () => {
		for (const input of [FILE, new Blob(['x']), 42, { a: 1 }, ['a']]) {
			expect(errorOf(schema, input)).toBe('„Vorname“ muss ein Text sein, keine Datei.');
		}
	});

	it('refuses control characters, lone surrogates and the replacement character', () => {
		for (const input of [
			'a\u0000b',
			'a\u0007b',
			'a\u001bb',
			'a\u007fb',
			'\uD800',
			'x\uDC00y',
			'\uFFFD'
		]) {
			expect(errorOf(schema, input), JSON.stringify(input)).toBe(
				'„Vorname“ enthält ungültige Zeichen. Bitte prüfen Sie Ihre Eingabe.'
			);
		}
	});

	it('normalises to NFC so the same name is stored the same way', () => {
		const decomposed = 'Jose\u0301';
		expect(schema.parse(decomposed)).toBe('José');
		expect(schema.parse(decomposed)).toBe(schema.parse('José'));
	});

	it('keeps markup and SQL as plain text (escaping is the view’s job)', () => {
		const text = field.text(label);
		expect(text.parse("<script>x</script>'; drop")).toBe("<script>x</script>'; drop");
	});
});

describe('field.optionalText and field.optionalLongText', () => {
	it('turns empty or missing into an empty string', () => {
		expect(field.optionalText(label).parse(undefined)).toBe('');
		expect(field.optionalText(label).parse('  ')).toBe('');
		expect(field.optionalLongText(label).parse(undefined)).toBe('');
	});

	it('still refuses bad input', () => {
		expect(errorOf(field.optionalText(label, 5), 'abcdef')).toContain('höchstens 5 Zeichen');
		expect(errorOf(field.optionalText(label), FILE)).toContain('keine Datei');
		expect(errorOf(field.optionalLongText(label), 'a\u0000')).toContain('ungültige Zeichen');
		expect(errorOf(field.optionalLongText(label), HUGE)).toContain('höchstens 20000 Zeichen');
	});
});

describe('field.longText', () => {
	const schema = field.longText(() => 'Nachricht', 100);

	it('keeps line breaks and tabs, normalising CRLF', () => {
		expect(schema.parse('Zeile 1\r\nZeile 2\r\n\tEingerückt')).toBe(
			'Zeile 1\nZeile 2\n\tEingerückt'
		);
	});

	it('refuses empty, too long, files and control characters', () => {
		expect(errorOf(schema, '')).toBe('Bitte füllen Sie das Feld „Nachricht“ aus.');
		expect(errorOf(schema, HUGE)).toBe('„Nachricht“ darf höchstens 100 Zeichen lang sein.');
		expect(errorOf(schema, FILE)).toBe('„Nachricht“ muss ein Text sein, keine Datei.');
		expect(errorOf(schema, 'a\u000bb')).toContain('„Nachricht“ enthält ungültige Zeichen');
		expect(errorOf(schema, '\uD83D')).toContain('ungültige Zeichen');
	});

	it('accepts well-formed emoji (surrogate pairs)', () => {
		expect(schema.parse('Danke 🌻')).toBe('Danke 🌻');
	});
});

describe('field.email', () => {
	const schema = field.email(() => 'E-Mail');

	it('accepts an address and lower-cases it', () => {
		expect(schema.parse('  Anna.Schmidt@Example.ORG ')).toBe('anna.schmidt@example.org');
	});

	it('refuses malformed addresses with a German hint naming the field', () => {
		for (const input of [
			'anna',
			'anna@',
			'@example.org',
			'an na@example.org',
			'a@b',
			'<script>@x.de'
		]) {
			expect(errorOf(schema, input), input).toBe(
				'Bitte geben Sie bei „E-Mail“ eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.'
			);
		}
	});

	it('refuses empty, too long, files and invalid characters', () => {
		expect(errorOf(schema, '')).toBe('Bitte füllen Sie das Feld „E-Mail“ aus.');
		expect(errorOf(schema, undefined)).toBe('Bitte füllen Sie das Feld „E-Mail“ aus.');
		expect(errorOf(schema, `${'a'.repeat(250)}@example.org`)).toContain('höchstens 254 Zeichen');
		expect(errorOf(schema, FILE)).toContain('keine Datei');
		expect(errorOf(schema, 'a\u0000@example.org')).toContain('ungültige Zeichen');
	});
});

describe('field.optionalEmail', () => {
	const schema = field.optionalEmail(() => 'E-Mail');
	it('allows empty or missing, refuses a malformed address', () => {
		expect(schema.parse('')).toBe('');
		expect(schema.parse(undefined)).toBe('');
		expect(schema.parse('a@example.org')).toBe('a@example.org');
		expect(errorOf(schema, 'nope')).toContain('gültige E-Mail-Adresse');
		expect(errorOf(schema, 'nope')).toContain('„E-Mail“');
	});
});

describe('field.password', () => {
	const schema = field.password(() => 'Passwort', 12, 64);

	it('is taken exactly as typed: no trimming or normalisation', () => {
		expect(schema.parse('  geheim Passwort  ')).toBe('  geheim Passwort  ');
		expect(schema.parse('Jose\u0301-geheim-123')).toBe('Jose\u0301-geheim-123');
	});

	it('refuses empty, too short, too long and files', () => {
		expect(errorOf(schema, '')).toBe('Bitte füllen Sie das Feld „Passwort“ aus.');
		expect(errorOf(schema, undefined)).toBe('Bitte füllen Sie das Feld „Passwort“ aus.');
		expect(errorOf(schema, 'kurz')).toBe('„Passwort“ muss mindestens 12 Zeichen lang sein.');
		expect(errorOf(schema, HUGE)).toBe('„Passwort“ darf höchstens 64 Zeichen lang sein.');
		expect(errorOf(schema, FILE)).toBe('„Passwort“ muss ein Text sein, keine Datei.');
	});
});

describe('field.choice', () => {
	const schema = field.choice(() => 'Raum', ['saal', 'kueche'] as const);
	it('accepts only the offered options', () => {
		expect(schema.parse('saal')).toBe('saal');
		for (const input of ['', 'SAAL', 'keller', undefined, FILE, HUGE]) {
			expect(errorOf(schema, input)).toBe(
				'Bitte wählen Sie bei „Raum“ eine der angebotenen Möglichkeiten.'
			);
		}
	});
});

describe('field.checkbox and field.consent', () => {
	it('reads a checkbox as present or absent', () => {
		const schema = field.checkbox();
		expect(schema.parse('on')).toBe(true);
		expect(schema.parse('true')).toBe(true);
		expect(schema.parse(undefined)).toBe(false);
		expect(schema.parse('off')).toBe(false);
		expect(schema.parse(FILE)).toBe(false);
	});

	it('requires consent to be ticked', () => {
		const schema = field.consent(() => 'Einwilligung');
		expect(schema.parse('on')).toBe(true);
		for (const input of [undefined, '', 'no', FILE]) {
			expect(errorOf(schema, input)).toBe('Bitte bestätigen Sie „Einwilligung“.');
		}
	});
});

describe('field.optionalDate', () => {
	const schema = field.optionalDate(() => 'Datum');
	it('accepts yyyy-mm-dd, a typed German date or empty', () => {
		expect(schema.parse('2026-03-29')).toBe('2026-03-29');
		expect(schema.parse('2028-02-29')).toBe('2028-02-29');
		expect(schema.parse('29.03.2026')).toBe('2026-03-29');
		expect(schema.parse('')).toBeNull();
		expect(schema.parse(undefined)).toBeNull();
	});

	it('refuses impossible or foreign-format dates (more in form-kit.test.ts)', () => {
		for (const input of ['2026-02-29', '2026-13-01']) {
			expect(errorOf(schema, input)).toBe(
				'Das Datum bei „Datum“ gibt es nicht. Bitte prüfen Sie Tag und Monat.'
			);
		}
		for (const input of ['2026-3-1', 'morgen']) {
			expect(errorOf(schema, input)).toContain('im Format TT.MM.JJJJ');
		}
		expect(errorOf(schema, FILE)).toBe('„Datum“ muss ein Text sein, keine Datei.');
	});
});

describe('field.optionalDateTime', () => {
	const schema = field.optionalDateTime(() => 'Beginn');
	it('interprets the input as Berlin wall-clock time', () => {
		expect(schema.parse('2026-07-01T18:00')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
		expect(schema.parse('2026-01-15T09:30')?.toISOString()).toBe('2026-01-15T08:30:00.000Z');
		expect(schema.parse('')).toBeNull();
	});

	it('refuses invalid values', () => {
		for (const input of [
			'2026-02-30T10:00',
			'2026-01-01T24:00',
			'2026-01-01T10:60',
			'2026-01-01 10:00',
			'x',
			FILE
		]) {
			expect(errorOf(schema, input), String(input)).toBe(
				'Bitte geben Sie bei „Beginn“ ein gültiges Datum ein.'
			);
		}
	});
});

describe('localToInstant across the 2026 DST changes', () => {
	const iso = (local: string) => localToInstant(local)?.toISOString();

	it('handles the spring change on 2026-03-29 (02:00 → 03:00)', () => {
		expect(iso('2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
		expect(iso('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
		expect(iso('2026-03-29T12:00')).toBe('2026-03-29T10:00:00.000Z');
		// 02:30 does not exist that night; by the policy in time.ts it moves forward by the gap.
		expect(iso('2026-03-29T02:30')).toBe('2026-03-29T01:30:00.000Z');
		expect(toLocalInput(localToInstant('2026-03-29T02:30'))).toBe('2026-03-29T03:30');
		expect(iso('2026-03-29T02:00')).toBe('2026-03-29T01:00:00.000Z');
	});

	it('handles the autumn change on 2026-10-25 (03:00 → 02:00)', () => {
		expect(iso('2026-10-25T01:30')).toBe('2026-10-24T23:30:00.000Z');
		expect(iso('2026-10-25T03:30')).toBe('2026-10-25T02:30:00.000Z');
		expect(iso('2026-10-25T12:00')).toBe('2026-10-25T11:00:00.000Z');
		// 02:30 happens twice; by the policy in time.ts the earlier one (still summer time) counts.
		const twice = localToInstant('2026-10-25T02:30');
		expect(twice?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
		expect(toLocalInput(twice)).toBe('2026-10-25T02:30');
	});

	it('round-trips every half hour over both DST weekends', () => {
		for (const day of [
			'2026-03-28',
			'2026-03-29',
			'2026-03-30',
			'2026-10-24',
			'2026-10-25',
			'2026-10-26'
		]) {
			for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
				const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
				const mm = String(minutes % 60).padStart(2, '0');
				const local = `${day}T${hh}:${mm}`;
				if (local === '2026-03-29T02:00' || local === '2026-03-29T02:30') continue;
				expect(toLocalInput(localToInstant(local)), local).toBe(local);
			}
		}
	});

	it('rejects malformed input', () => {
		for (const input of [
			'',
			'2026-03-29',
			'2026-03-29T2:00',
			'2026-02-29T10:00',
			'2026-03-29T10:00:00'
		]) {
			expect(localToInstant(input), input).toBeNull();
		}
	});
});

describe('toLocalInput', () => {
	it('formats instants as Berlin wall-clock time for datetime-local inputs', () => {
		expect(toLocalInput(new Date('2026-07-01T16:00:00.000Z'))).toBe('2026-07-01T18:00');
		expect(toLocalInput(new Date('2026-01-15T08:30:59.999Z'))).toBe('2026-01-15T09:30');
		expect(toLocalInput(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01T00:30');
		expect(toLocalInput(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30');
		expect(toLocalInput(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30');
		expect(toLocalInput(null)).toBe('');
		expect(toLocalInput(undefined)).toBe('');
	});
});

describe('field.integer', () => {
	const schema = field.integer(() => 'Plätze', 1, 500);
	it('accepts whole numbers in range', () => {
		expect(schema.parse('12')).toBe(12);
		expect(schema.parse(' 7 ')).toBe(7);
	});

	it('refuses fractions, words, out-of-range values and files', () => {
		for (const input of ['1.5', 'zwölf', '0', '501', '-3', HUGE, FILE, undefined]) {
			expect(errorOf(schema, input), String(input).slice(0, 20)).toBe(
				'Bitte geben Sie bei „Plätze“ eine gültige Zahl ein.'
			);
		}
	});
});

describe('parseFormData / parseForm', () => {
	const schema = z.object({
		name: field.text(() => 'Name', 50),
		email: field.email(() => 'E-Mail'),
		password: field.password(() => 'Passwort', 8)
	});

	it('returns typed data on success', () => {
		const result = parseFormData(
			form({ name: 'Anna', email: 'A@Example.org', password: 'langes-passwort', _csrf: 't' }),
			schema
		);
		expect(result).toMatchObject({
			ok: true,
			data: { name: 'Anna', email: 'a@example.org', password: 'langes-passwort' }
		});
	});

	it('returns one German message per field and the input back, but never passwords or tokens', () => {
		const result = parseFormData(
			form({ name: '', email: 'kaputt', password: 'kurz', _csrf: 'token-value' }),
			schema
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			name: 'Bitte füllen Sie das Feld „Name“ aus.',
			email:
				'Bitte geben Sie bei „E-Mail“ eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.',
			password: '„Passwort“ muss mindestens 8 Zeichen lang sein.'
		});
		expect(result.values).toEqual({ name: '', email: 'kaputt' });
	});

	it('reports a file sent for a text field without echoing it', () => {
		const result = parseFormData(
			form({ name: FILE, email: 'a@example.org', password: 'langes-passwort' }),
			schema
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.name).toBe('„Name“ muss ein Text sein, keine Datei.');
		expect(result.values.name).toBeUndefined();
	});

	it('uses the first value of a field sent twice', () => {
		const result = parseFormData(
			form({ name: ['Erster', 'Zweiter'], email: 'a@example.org', password: 'langes-passwort' }),
			schema
		);
		expect(result.ok && result.data.name).toBe('Erster');
	});

	it('caps echoed values so a 100 kB post is not sent back whole', () => {
		const result = parseFormData(
			form({ name: HUGE, email: 'a@example.org', password: 'x' }),
			schema
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.name).toBe('„Name“ darf höchstens 50 Zeichen lang sein.');
		expect(result.values.name.length).toBeLessThanOrEqual(20_000);
	});

	it('treats a lone surrogate sent over HTTP as invalid characters', async () => {
		// Decoding turns invalid UTF-16/UTF-8 into U+FFFD, which must be refused, not stored.
		const request = new Request('http://localhost/', {
			method: 'POST',
			body: form({ name: 'a\uD800b', email: 'a@example.org', password: 'langes-passwort' })
		});
		const result = await parseForm(request, schema);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.name).toContain('ungültige Zeichen');
	});

	it('refuses invalid UTF-8 bytes in an urlencoded body', async () => {
		const request = new Request('http://localhost/', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=%C3%28&email=a%40example.org&password=langes-passwort'
		});
		const result = await parseForm(request, schema);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.name).toContain('„Name“ enthält ungültige Zeichen');
	});

	it('answers a body that is not a form with a form-level error instead of throwing', async () => {
		for (const init of [
			{ headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' },
			{ headers: { 'content-type': 'multipart/form-data' }, body: 'garbage' }
		]) {
			const result = await parseForm(
				new Request('http://localhost/', { method: 'POST', ...init }),
				schema
			);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors._form).toBe('Die Angabe bei „Formular“ ist ungültig.');
		}
	});
});
