import { describe, expect, it } from 'vitest';
import { actorOf, ANONYMOUS, CLI_ACTOR } from './actor';
import { guardBackOffice } from './back-office-guard';
import { assertCan, can } from './permissions';
import { hasRole, homeOf, isStaff, type SessionUser } from './roles';
import { safeReturnPath } from './session-cookie';
import { waitText } from './wait-text';

const user = (roles: SessionUser['roles']): SessionUser => ({
	id: 1,
	email: 'a@b.de',
	displayName: '',
	roles
});

function thrown(fn: () => unknown): { status?: number; location?: string } {
	try {
		fn();
	} catch (err) {
		return err as { status?: number; location?: string };
	}
	throw new Error('expected a throw');
}

describe('roles', () => {
	it('admin implies every role; residents have none', () => {
		expect(hasRole(user(['admin']), 'rooms')).toBe(true);
		expect(hasRole(user(['content']), 'content')).toBe(true);
		expect(hasRole(user(['content']), 'admin')).toBe(false);
		expect(hasRole(user([]), 'content')).toBe(false);
		expect(hasRole(null, 'content')).toBe(false);
		expect(isStaff(user([]))).toBe(false);
		expect(isStaff(user(['rooms']))).toBe(true);
		expect(homeOf(user([]))).toBe('/konto');
		expect(homeOf(user(['rooms']))).toBe('/verwaltung');
	});

	it('the back-office guard sends anonymous users to the login with the way back, and refuses residents with 403', () => {
		const url = new URL('http://x/verwaltung/konten?seite=2');
		expect(thrown(() => guardBackOffice(ANONYMOUS, url))).toMatchObject({
			status: 303,
			location: '/anmelden?weiter=%2Fverwaltung%2Fkonten'
		});
		expect(thrown(() => guardBackOffice(actorOf(user([])), url))).toMatchObject({ status: 403 });
		expect(() => guardBackOffice(actorOf(user(['rooms'])), url)).not.toThrow();
		// Only the back office: not its look-alikes, not the public site.
		expect(() => guardBackOffice(ANONYMOUS, new URL('http://x/verwaltungen'))).not.toThrow();
		expect(() => guardBackOffice(ANONYMOUS, new URL('http://x/kontakt'))).not.toThrow();
	});

	it('accounts are managed by admins and the CLI only; restoring is for the CLI alone', () => {
		expect(can(actorOf(user(['content', 'rooms', 'concerns'])), 'accounts.manage')).toBe(false);
		expect(can(actorOf(user(['admin'])), 'accounts.manage')).toBe(true);
		expect(can(CLI_ACTOR, 'accounts.manage')).toBe(true);
		expect(can(actorOf(user(['admin'])), 'accounts.restore')).toBe(false);
		expect(can(CLI_ACTOR, 'accounts.restore')).toBe(true);
		expect(() => assertCan(ANONYMOUS, 'content.edit')).toThrow(
			expect.objectContaining({ code: 'UNAUTHENTICATED' })
		);
		expect(() => assertCan(actorOf(user([])), 'content.edit')).toThrow(
			expect.objectContaining({ code: 'FORBIDDEN' })
		);
	});
});

describe('safeReturnPath', () => {
	it('keeps local paths with their query', () => {
		expect(safeReturnPath('/verwaltung/konten?seite=2')).toBe('/verwaltung/konten?seite=2');
		expect(safeReturnPath('/konto')).toBe('/konto');
	});

	it('refuses everything that could leave the site', () => {
		for (const bad of [
			null,
			'',
			'https://evil.example/',
			'//evil.example/x',
			'/\\evil.example',
			'\\\\evil.example',
			'javascript:alert(1)',
			'/\t/evil.example',
			'verwaltung',
			'/' + 'a'.repeat(600)
		]) {
			expect(safeReturnPath(bad), String(bad)).toBeNull();
		}
	});
});

describe('waitText', () => {
	it('says seconds for short waits and minutes for long ones', () => {
		expect(waitText(1)).toBe('1 Sekunde');
		expect(waitText(3)).toBe('3 Sekunden');
		expect(waitText(90)).toBe('90 Sekunden');
		expect(waitText(900)).toBe('15 Minuten');
		expect(waitText(61 * 15)).toBe('16 Minuten');
	});
});
