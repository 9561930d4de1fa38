import { ANONYMOUS, CLI_ACTOR, type Actor } from '../../src/lib/server/auth/actor';
import type { StaffRole } from '../../src/lib/server/db/schema';

/**
 * Actors for use-case and in-process route tests. The ids should be those of real users when the
 * use case writes them (audit entries, authors); `createUser` in users.ts makes one.
 */
export { ANONYMOUS, CLI_ACTOR };

export function staffActor(id: number, roles: StaffRole[] = ['admin']): Actor {
	return { kind: 'staff', id, email: `staff-${id}@example.org`, displayName: '', roles };
}

export function residentActor(id: number): Actor {
	return { kind: 'resident', id, email: `resident-${id}@example.org`, displayName: '' };
}
