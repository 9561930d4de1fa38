import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it.each([
		['refused', withCode('ECONNREFUSED')],
		['pool wait', new Error('timeout exceeded when trying to connect')],
		['frozen server', new Error('Query read timeout')],
		['statement_timeout', withCode('57014', 'canceling statement due to statement timeout')],
		['admin shutdown', withCode('57P01')],
		['connection exception', withCode('08006')],
		['too many connections', withCode('53300')],
		['database closed', withCode('55000', 'database "q" is not currently accepting connections')],
		// Drizzle wraps the driver's error.
		['wrapped', new Error('Failed query: select 1', { cause: withCode('ECONNRESET') })]
	])('%s: yes', (_name, err) => {
		expect(isDatabaseUnavailable(err)).toBe(true);
	});

	it.each([
		['unique violation', withCode('23505')],
		['syntax error', withCode('42601')],
		['plain bug', new TypeError('x is undefined')],
		['not an error', 'text'],
		['nothing', undefined]
	])('%s: no', (_name, err) => {
		expect(isDatabaseUnavailable(err)).toBe(false);
	});
});
