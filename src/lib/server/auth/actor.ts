import type { StaffRole } from '../db/schema';
import type { SessionUser } from './roles';

/**
 * Who asks a use case to act. Routes build it from the session (`actorOf`); the admin CLI is
 * `CLI_ACTOR`; a capability link (a private link that acts on one record) is its own kind.
 */
export type Actor =
	| { kind: 'anonymous' }
	| { kind: 'resident'; id: number; email: string; displayName: string }
	| { kind: 'staff'; id: number; email: string; displayName: string; roles: StaffRole[] }
	| { kind: 'cli' }
	| { kind: 'capability'; linkId: number; purpose: string; recordType: string; recordId: number };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const CLI_ACTOR: Actor = { kind: 'cli' };

export function actorOf(user: SessionUser | null | undefined): Actor {
	if (!user) return ANONYMOUS;
	const { id, email, displayName, roles } = user;
	return roles.length > 0
		? { kind: 'staff', id, email, displayName, roles }
		: { kind: 'resident', id, email, displayName };
}

/** The user id written to the audit log; null for the CLI, anonymous visitors and link holders. */
export function actorUserId(actor: Actor): number | null {
	return actor.kind === 'staff' || actor.kind === 'resident' ? actor.id : null;
}
