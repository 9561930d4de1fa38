import { describe, expect, it } from 'vitest';
import { parseFormData } from '../form';
import { loginSchema, registerSchema, rolesSchema, staffAccountSchema } from './auth.schemas';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
};

describe('account form schemas', () => {
	it('registration: every problem at once, passwords never echoed', () => {
		const result = parseFormData(
			form({ display_name: ' ', email: 'x', password: 'kurz', password_repeat: 'anders' }),
			registerSchema
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors)).toEqual([
			'display_name',
			'email',
			'password',
			'password_repeat',
			'consent'
		]);
		expect(result.errors.password).toBe('„Passwort“ muss mindestens 10 Zeichen lang sein.');
		expect(result.values).toEqual({ display_name: ' ', email: 'x' });
	});

	it('registration: mismatched passwords are reported on the repeat field', () => {
		const result = parseFormData(
			form({
				display_name: 'Rosa',
				email: 'Rosa@Example.org',
				password: 'lang-genug-1',
				password_repeat: 'lang-genug-2',
				consent: 'on'
			}),
			registerSchema
		);
		expect(result).toMatchObject({
			ok: false,
			errors: { password_repeat: expect.stringContaining('stimmen nicht überein') }
		});
	});

	it('login: any length is checked against the stored hash, not refused up front', () => {
		const result = parseFormData(form({ email: 'A@B.de', password: 'x' }), loginSchema);
		expect(result).toMatchObject({ ok: true, data: { email: 'a@b.de', password: 'x' } });
	});

	it('staff account: a missing role is reported together with the other errors', () => {
		const result = parseFormData(form({ email: '', display_name: '' }), staffAccountSchema);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(Object.keys(result.errors)).toEqual(['email', 'display_name', 'roles']);
		const ok = parseFormData(
			form({ email: 'a@b.de', display_name: 'A', role_admin: 'on', role_rooms: 'on' }),
			staffAccountSchema
		);
		expect(ok).toMatchObject({ ok: true, data: { roles: ['rooms', 'admin'] } });
	});

	it('roles: only "on" for known roles counts', () => {
		const result = parseFormData(
			form({ role_admin: 'yes', role_content: 'on', role_boss: 'on' }),
			rolesSchema
		);
		expect(result).toMatchObject({ ok: true, data: { roles: ['content'] } });
	});
});
