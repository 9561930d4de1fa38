import type { StaffRole } from '../db/schema';
import { DomainError } from '../errors';
import type { Actor } from './actor';

/**
 * Every permission in one list, each with its rule. Use cases call `assertCan` as their first
 * line; routes and templates may call `can` to decide what to show. Admins may do everything a
 * staff role may do; the CLI runs on the server itself and may do everything.
 */
type Rule = (actor: Actor, record?: unknown) => boolean;

const staffWith =
	(role: StaffRole): Rule =>
	(actor) =>
		actor.kind === 'cli' ||
		(actor.kind === 'staff' && (actor.roles.includes(role) || actor.roles.includes('admin')));

const anyStaff: Rule = (actor) => actor.kind === 'cli' || actor.kind === 'staff';
const signedIn: Rule = (actor) => actor.kind === 'staff' || actor.kind === 'resident';
const anyone: Rule = () => true;
/** Things only the admin CLI may do: it runs on the server, so whoever runs it owns the install. */
const cliOnly: Rule = (actor) => actor.kind === 'cli';

export const PERMISSIONS = {
	/** Enter the back office at all (/verwaltung). */
	'backoffice.enter': anyStaff,
	'account.manage-own': signedIn,
	/** Public account forms: register, log in, ask for a reset or a new confirmation link. */
	'account.register': anyone,
	'account.log-in': anyone,
	'account.request-link': anyone,
	/** Using a mailed or printed link: the token itself is the proof. */
	'account.use-token': anyone,
	'accounts.manage': staffWith('admin'),
	/** Lift a lock, enable a disabled account and replace its roles in one go (recovery). */
	'accounts.restore': cliOnly,
	'site.settings.edit': staffWith('admin'),
	'accessibility.review': staffWith('admin'),
	'outbox.read': staffWith('admin'),
	'outbox.retry': staffWith('admin'),
	'content.edit': staffWith('content'),
	/** Drafts, scheduled and expired notices: what the public does not see. */
	'content.read': staffWith('content'),
	'contact.read': staffWith('content'),
	'contact.answer': staffWith('content'),
	'contact.submit': anyone,
	'accessibility.submit-feedback': anyone
} satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission, record?: unknown): boolean {
	return PERMISSIONS[permission](actor, record);
}

/** The first line of every mutating use case. */
export function assertCan(actor: Actor, permission: Permission, record?: unknown): void {
	if (can(actor, permission, record)) return;
	throw new DomainError(actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
}
