import { describe, expect, it } from 'vitest';
import { match } from './id';

describe('[id=id] matcher', () => {
	it('accepts positive integers that fit a PostgreSQL integer', () => {
		for (const ok of ['1', '42', '999999', '2147483647']) expect(match(ok), ok).toBe(true);
	});

	it('refuses everything else', () => {
		for (const bad of ['0', '-1', '01', 'abc', '1.5', '1e3', ' 1', '2147483648', '99999999999', ''])
			expect(match(bad), bad).toBe(false);
	});
});
