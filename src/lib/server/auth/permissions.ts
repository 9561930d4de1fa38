import type { CapabilityPurpose, StaffRole } from '../db/schema';
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

/** The record a permission is asked about, where a capability link may grant it. */
export interface RecordRef {
	type: string;
	id: number;
}

function isRecordRef(record: unknown): record is RecordRef {
	const r = record as Partial<RecordRef> | null | undefined;
	return typeof r?.type === 'string' && typeof r.id === 'number';
}

/**
 * Granted to the holder of a capability link for `purpose`, on the one record the link names:
 * `can(actor, 'x', { type: 'concern', id: 7 })`.
 */
const viaLink =
	(purpose: CapabilityPurpose): Rule =>
	(actor, record) =>
		actor.kind === 'capability' &&
		actor.purpose === purpose &&
		isRecordRef(record) &&
		record.type === actor.recordType &&
		record.id === actor.recordId;

const anyOf =
	(...rules: Rule[]): Rule =>
	(actor, record) =>
		rules.some((rule) => rule(actor, record));

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
	'jobs.read': staffWith('admin'),
	'content.edit': staffWith('content'),
	/** Drafts, scheduled and expired notices: what the public does not see. */
	'content.read': staffWith('content'),
	'contact.read': staffWith('content'),
	'contact.answer': staffWith('content'),
	'contact.submit': anyone,
	'accessibility.submit-feedback': anyone,
	/** Room booking: anyone may ask; the `rooms` role decides and manages rooms and rules. */
	'booking.request': anyone,
	/** The cancel link shows what it cancels (reference, room, dates) before the button. */
	'booking.view-status': anyOf(
		staffWith('rooms'),
		viaLink('booking.status'),
		viaLink('booking.cancel')
	),
	'booking.cancel': anyOf(staffWith('rooms'), viaLink('booking.cancel')),
	'booking.respond': viaLink('booking.status'),
	'bookings.read': staffWith('rooms'),
	'bookings.decide': staffWith('rooms'),
	'rooms.manage': staffWith('rooms'),
	/** Publishing an event in a room of the house holds the room (content staff place events). */
	'rooms.hold-for-event': anyOf(staffWith('content'), staffWith('rooms')),
	/** Veranstaltungen: staff with the content role create, edit, cancel and publish events. */
	'events.manage': staffWith('content'),
	/** Organiser groups and their editors (resident accounts that speak for a group). */
	'groups.manage': staffWith('content'),
	/** Anyone may propose an event through the public form, without an account. */
	'events.propose': anyone,
	/** Publish or reject proposals (the content role, like events.manage). */
	'events.moderate': staffWith('content'),
	/** The state of one proposal: its submitter's status link, or content staff. */
	'events.view-proposal-status': anyOf(staffWith('content'), viaLink('event.proposal-status')),
	/** Anyone may sign up for an event with registration (no account: the e-mail is the proof). */
	'events.register': anyone,
	/** The cancel link of a registration shows and cancels that one; content staff any. */
	'events.registration-cancel': anyOf(staffWith('content'), viaLink('event.registration-cancel')),
	/** Anliegen: anyone may submit; the status link shows one concern's timeline to its holder. */
	'concern.submit': anyone,
	'concern.view-status': viaLink('concern.status'),
	/** The status link's holder says a resolved concern is not solved, or confirms it is. */
	'concern.give-feedback': viaLink('concern.status'),
	/** The `concerns` role reads, answers, assigns and moves concerns and keeps the categories. */
	'concerns.manage': staffWith('concerns'),
	/** Art. 15/17 DSGVO: find a submitter's concerns, export and erase their personal data. */
	'concerns.personal-data': staffWith('concerns'),
	/** A responsible body answers a forwarded concern through the mailed link (no account). */
	'concern.answer-forwarding': viaLink('concern.answer'),
	/** Issue and revoke the keys other services post concerns with (Open311). */
	'open311.keys.manage': staffWith('admin'),
	/** A contact message becomes a concern: who may read the message and who keeps concerns. */
	'concerns.from-contact-message': (a) => staffWith('concerns')(a) && staffWith('content')(a),
	/** Exercises capability links in tests until the first area uses them (e.g. concern.view-status). */
	'example.view': anyOf(staffWith('admin'), viaLink('example.view'))
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
