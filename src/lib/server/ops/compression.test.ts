import { describe, expect, it } from 'vitest';
import { clientHas, etagFor, negotiateEncoding } from './compression';

describe('negotiateEncoding', () => {
	it.each([
		['gzip, deflate, br', 'br'],
		['gzip', 'gzip'],
		['br;q=0, gzip', 'gzip'],
		['br;q=0, gzip;q=0', null],
		['identity', null],
		['*', 'br'],
		['*, br;q=0', 'gzip'],
		[null, null]
	])('%s → %s', (header, expected) => {
		expect(negotiateEncoding(header)).toBe(expected);
	});
});

describe('ETags', () => {
	it('differ per encoding and match lists and weak forms', () => {
		expect(etagFor('"abc"', 'br')).toBe('"abc-br"');
		expect(etagFor('"abc"', null)).toBe('"abc"');
		const request = (value: string) =>
			new Request('http://x/', { headers: { 'if-none-match': value } });
		expect(clientHas(request('"x", W/"abc-br"'), '"abc-br"')).toBe(true);
		expect(clientHas(request('"abc"'), '"abc-br"')).toBe(false);
	});
});
