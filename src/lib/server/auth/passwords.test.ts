import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';

describe('passwords', () => {
	it('hashes with argon2id and the chosen cost, salted', async () => {
		const a = await hashPassword('ein langes Passwort');
		const b = await hashPassword('ein langes Passwort');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('ein langes Passwort');
	});

	it('verifies the right password only, including unicode exactly as typed', async () => {
		const stored = await hashPassword('Grüße aus Kaster ✓');
		expect(await verifyPassword(stored, 'Grüße aus Kaster ✓')).toBe(true);
		expect(await verifyPassword(stored, 'Grüsse aus Kaster ✓')).toBe(false);
		expect(await verifyPassword(stored, 'Grüße aus Kaster ✓ ')).toBe(false);
		expect(await verifyPassword(stored, '')).toBe(false);
	});

	it('treats a broken stored hash as a wrong password instead of throwing', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
		await expect(verifyAgainstDummy('whatever')).resolves.toBeUndefined();
	});
});
