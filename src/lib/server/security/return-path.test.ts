import { describe, expect, it } from 'vitest';
import { isRedirect } from '@sveltejs/kit';
import { safeReturnPath } from './return-path';
import { GET as switchLanguage } from '../../../routes/sprache/[lang]/+server';
import { load as loginLoad } from '../../../routes/(auth)/anmelden/+page.server';

/** How a browser resolves a Location header on our origin. */
const resolvedHost = (location: string) => new URL(location, 'https://quartier.example').host;

describe('safeReturnPath', () => {
	it('keeps local paths with their query', () => {
		expect(safeReturnPath('/verwaltung/konten?seite=2')).toBe('/verwaltung/konten?seite=2');
		expect(safeReturnPath('/konto')).toBe('/konto');
		expect(safeReturnPath('/')).toBe('/');
		expect(safeReturnPath('/aktuelles?q=a%20b')).toBe('/aktuelles?q=a%20b');
		expect(safeReturnPath('/k%C3%BCche')).toBe('/k%C3%BCche');
	});

	// The cases from the issue, and their relatives.
	const attacks = [
		// other hosts and schemes
		'https://evil.example/',
		'http:evil.example',
		'//evil.example/x',
		'///evil.example/x',
		'////evil.example',
		'javascript:alert(1)',
		'data:text/html,x',
		'verwaltung',
		' /konto',
		// backslashes (browsers read them as slashes)
		'/\\evil.example',
		'\\\\evil.example',
		'\\/evil.example',
		'/\\/evil.example',
		'/a/..\\..\\evil.example',
		// tab, newline and other control characters (browsers drop tab/newline)
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r/evil.example',
		'\t//evil.example',
		'/\u0000/evil.example',
		'/\u007f/evil.example',
		'/\u0085/evil.example',
		// paths that normalise to //host
		'/.//evil.example/phish',
		'/./\\evil.example',
		'/..//evil.example',
		'/a/..//evil.example',
		'/a/.././/evil.example',
		'/%2e//evil.example',
		'/%2E%2E//evil.example',
		'/.%2e//evil.example',
		// encoded variants
		'/%5Cevil.example',
		'/%5cevil.example',
		'/%09/evil.example',
		'/%0a/evil.example',
		'/%2F/evil.example',
		'/%2f%2fevil.example',
		'/%252F%252Fevil.example',
		'/%255Cevil.example',
		'/%2509/evil.example',
		'/%E0%A4%A',
		// invisible characters and oversize input
		'/\u202e/evil.example',
		'/' + 'a'.repeat(600),
		'',
		null,
		undefined
	];

	it.each(attacks.map((a) => [JSON.stringify(a), a]))('refuses %s', (_, bad) => {
		expect(safeReturnPath(bad as string | null | undefined)).toBeNull();
	});

	it('never returns something a browser would take to another host', () => {
		for (const value of attacks) {
			const result = safeReturnPath(value as string | null);
			if (result !== null) expect(resolvedHost(result)).toBe('quartier.example');
		}
	});
});

describe('GET /sprache/[lang]', () => {
	function switchTo(zurueck: string): string {
		const url = new URL(`http://127.0.0.1/sprache/de?zurueck=${zurueck}`);
		const cookies = { set: () => {} };
		try {
			switchLanguage({ params: { lang: 'de' }, url, cookies } as never);
		} catch (err) {
			if (isRedirect(err)) return err.location;
			throw err;
		}
		throw new Error('expected a redirect');
	}

	it('goes back to a local path', () => {
		expect(switchTo('%2Faktuelles%3Fseite%3D2')).toBe('/aktuelles?seite=2');
	});

	it.each(['/%5Cevil.example', '/%09/evil.example', '/.//evil.example', '//evil.example'])(
		'goes to the start page instead of %s',
		(zurueck) => {
			expect(switchTo(zurueck)).toBe('/');
		}
	);
});

describe('GET /anmelden when logged in', () => {
	it("goes to the user's home, not to //evil.example/phish", async () => {
		const url = new URL('http://127.0.0.1/anmelden?weiter=/.//evil.example/phish');
		const locals = { user: { id: 1, email: 'a@b.de', displayName: '', roles: ['admin'] } };
		try {
			await loginLoad({ locals, url } as never);
		} catch (err) {
			if (!isRedirect(err)) throw err;
			expect(err.location).toBe('/verwaltung');
			return;
		}
		throw new Error('expected a redirect');
	});
});
