import { describe, expect, it } from 'vitest';
import { mailErrorKind } from './mail-error-kind';

describe('mailErrorKind', () => {
	it.each([
		['connect ECONNREFUSED 127.0.0.1:2525', 'unreachable'],
		['getaddrinfo ENOTFOUND mail.example.org', 'unreachable'],
		['Greeting never received', 'unreachable'],
		['Invalid login: 535 5.7.8 Authentication failed', 'login'],
		["Can't send mail - all recipients were rejected: 550 5.1.1 no such user", 'rejected'],
		['something odd', 'other'],
		[null, 'other']
	] as const)('%s → %s', (error, kind) => {
		expect(mailErrorKind(error)).toBe(kind);
	});
});
