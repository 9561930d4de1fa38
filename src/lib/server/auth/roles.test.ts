import { describe, expect, it } from 'vitest';
import {
	assertAdmin,
	hasRole,
	homeOf,
	isStaff,
	requireRole,
	requireUser,
	type SessionUser
} from './roles';
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

	it('requireRole sends anonymous users to the login with the way back, and refuses others with 403', () => {
		expect(thrown(() => requireRole(null, 'admin', '/verwaltung/konten?seite=2'))).toMatchObject({
			status: 303,
			location: '/anmelden?weiter=%2Fverwaltung%2Fkonten%3Fseite%3D2'
		});
		expect(thrown(() => requireRole(user(['content']), 'admin'))).toMatchObject({ status: 403 });
		expect(thrown(() => requireRole(user([]), 'staff'))).toMatchObject({ status: 403 });
		expect(requireRole(user(['admin']), 'concerns').id).toBe(1);
		expect(thrown(() => requireUser(null, '/konto'))).toMatchObject({ status: 303 });
		expect(requireUser(user([]), '/konto').id).toBe(1);
	});

	it('assertAdmin lets admins and the CLI through only', () => {
		expect(() => assertAdmin(user(['content', 'rooms', 'concerns']))).toThrow();
		expect(() => assertAdmin(user(['admin']))).not.toThrow();
		expect(() => assertAdmin('cli')).not.toThrow();
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
