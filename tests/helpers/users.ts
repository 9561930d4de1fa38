import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Db } from '../../src/lib/server/db/client';
import { users, type StaffRole } from '../../src/lib/server/db/schema';
import { actorOf, type Actor } from '../../src/lib/server/auth/actor';
import { hashPassword } from '../../src/lib/server/auth/passwords';

/**
 * Accounts for tests.
 * - Integration tests: `createUser(db, { email, password, roles })` writes a ready-to-use account
 *   (confirmed address, hashed password) straight into a test database.
 *   New tests: `createStaffUser` / `createResident` in tests/factories (with a session, one
 *   password hash per run).
 * - End-to-end tests: `loginAs(browser, role)` (tests/e2e/support.ts) or `HttpClient.as(role)`
 *   (tests/e2e/http.ts) with the accounts global setup made. `runAdminCommand()` runs the admin
 *   CLI (`npm run admin`).
 */
export async function createUser(
	db: Db,
	{
		email,
		password = 'Richtig-Langes-Passwort-1',
		roles = [],
		displayName = '',
		verified = true,
		disabled = false
	}: {
		email: string;
		password?: string | null;
		roles?: StaffRole[];
		displayName?: string;
		verified?: boolean;
		disabled?: boolean;
	}
) {
	const [user] = await db
		.insert(users)
		.values({
			email: email.toLowerCase(),
			displayName,
			roles,
			passwordHash: password === null ? null : await hashPassword(password),
			emailVerifiedAt: verified ? new Date() : null,
			disabledAt: disabled ? new Date() : null
		})
		.returning();
	return user;
}

/** An account and the actor that acts as it (what the hook makes of its session). */
export async function createActor(
	db: Db,
	options: Parameters<typeof createUser>[1]
): Promise<Actor & { id: number }> {
	const user = await createUser(db, { password: null, ...options });
	return { ...actorOf(user), id: user.id } as Actor & { id: number };
}

export interface AdminCommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs `node scripts/admin.mjs …args` with extra environment (DATA_DIR, DATABASE_URL …). */
export function runAdminCommand(
	args: string[],
	env: Record<string, string | undefined> = {}
): Promise<AdminCommandResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.resolve('scripts/admin.mjs'), ...args], {
			env: { ...process.env, LOG_LEVEL: 'warn', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** The token of the first set-password link in a text (CLI output or mail body). */
export function setPasswordTokenFrom(text: string): string {
	const match = /\/passwort-setzen\?token=([A-Za-z0-9_-]+)/.exec(text);
	if (!match) throw new Error(`no set-password link in:\n${text}`);
	return match[1];
}
