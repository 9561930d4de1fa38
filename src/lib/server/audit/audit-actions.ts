/**
 * Every audit action, named `area.verb`, in one list. An entry's `entity` says which kind of
 * record it is about; the back office shows a record's history from (entity, entityId).
 * Add new actions here; recordAudit accepts nothing else.
 */
export const AUDIT_ACTIONS = [
	'account.created',
	'account.link-sent',
	'account.restored',
	'account.password-set',
	'account.locked',
	'account.unlocked',
	'account.roles-changed',
	'account.disabled',
	'account.enabled',
	'notice.created',
	'notice.updated',
	'notice.deleted',
	'news.created',
	'news.updated',
	'news.deleted',
	'page.updated',
	'contact-person.created',
	'contact-person.updated',
	'contact-person.deleted',
	'site-settings.updated',
	'venue.created',
	'venue.updated',
	'contact-message.answered',
	'outbox.retried',
	'booking-request.created',
	'booking-request.approved',
	'booking-request.declined',
	'booking-request.proposed',
	'booking-request.proposal-accepted',
	'booking-request.cancelled',
	'booking-request.noted',
	'booking-request.anonymised',
	'booking.blocked',
	'booking.event-held',
	'booking.moved',
	'room.created',
	'room.updated',
	'room.photo-added',
	'room.photo-removed',
	'event.created',
	'event.updated',
	'event.cancelled',
	'event.examples-removed',
	'group.created',
	'capability-link.issued',
	'capability-link.revoked'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = [
	'user',
	'notice',
	'news_post',
	'page',
	'contact_person',
	'site_settings',
	'venue',
	'contact_message',
	'outbox_mail',
	'capability_link',
	'booking_request',
	'booking',
	'room',
	'event',
	'group'
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
