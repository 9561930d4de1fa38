import type { StaffRole } from '../../src/lib/server/db/schema';
import { TEST_PASSWORD } from '../factories/users';

/**
 * The accounts of an end-to-end run, written into the database by global setup before the
 * server starts (tests/factories), all with TEST_PASSWORD. One per role, logged in once over
 * HTTP by global setup (HttpClient.as(role), loginAs(browser, role)); the others belong to one
 * test each (a password gets changed, an account locked), so no two files share their state.
 * The flows that make accounts for real (admin CLI, back office, registration) have tests of
 * their own: auth-cli, auth-accounts, auth-register.
 */
export { TEST_PASSWORD };

export type TestRole = 'admin' | 'content' | 'rooms' | 'concerns' | 'resident';
export const TEST_ROLES: TestRole[] = ['admin', 'content', 'rooms', 'concerns', 'resident'];

export function emailFor(role: TestRole): string {
	return role === 'admin' ? 'admin@example.org' : `e2e-${role}@example.org`;
}

export interface FixtureAccount {
	email: string;
	displayName: string;
	roles: StaffRole[];
}

export const ROLE_ACCOUNTS: FixtureAccount[] = TEST_ROLES.map((role) => ({
	email: emailFor(role),
	displayName:
		role === 'admin' ? 'Test-Admin' : role === 'resident' ? 'Test-Bewohnerin' : `Test ${role}`,
	roles: role === 'resident' ? [] : [role]
}));

/** Accounts of single tests (see the file named in the comment). */
export const EXTRA_ACCOUNTS: FixtureAccount[] = [
	{ email: 'e2e-bad-input@example.org', displayName: 'Test-Bewohnerin', roles: [] }, // auth-bad-input
	{ email: 'e2e-login@example.org', displayName: 'Test rooms', roles: ['rooms'] }, // auth-login
	{ email: 'e2e-lock@example.org', displayName: 'Test-Bewohnerin', roles: [] }, // auth-login, auth-refusals
	{ email: 'e2e-reset@example.org', displayName: 'Test-Bewohnerin', roles: [] }, // auth-reset
	{ email: 'e2e-reset2@example.org', displayName: 'Test-Bewohnerin', roles: [] }, // auth-reset, auth-refusals
	{ email: 'e2e-wechsel@example.org', displayName: 'Test-Bewohnerin', roles: [] } // auth-roles
];
