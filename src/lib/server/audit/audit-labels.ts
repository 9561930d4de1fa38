import { m } from '$lib/paraglide/messages.js';
import type { AuditAction } from './audit-actions';

/**
 * What each action is called in a record's history. A `Record` over the action list, so a new
 * action does not compile without its label (and a test checks both languages).
 */
export const ACTION_LABELS: Record<AuditAction, () => string> = {
	'account.created': m.audit_action_account_created,
	'account.link-sent': m.audit_action_account_link_sent,
	'account.restored': m.audit_action_account_restored,
	'account.password-set': m.audit_action_account_password_set,
	'account.locked': m.audit_action_account_locked,
	'account.unlocked': m.audit_action_account_unlocked,
	'account.roles-changed': m.audit_action_account_roles_changed,
	'account.disabled': m.audit_action_account_disabled,
	'account.enabled': m.audit_action_account_enabled,
	'notice.created': m.audit_action_notice_created,
	'notice.updated': m.audit_action_notice_updated,
	'notice.deleted': m.audit_action_notice_deleted,
	'news.created': m.audit_action_news_created,
	'news.updated': m.audit_action_news_updated,
	'news.deleted': m.audit_action_news_deleted,
	'page.updated': m.audit_action_page_updated,
	'contact-person.created': m.audit_action_contact_person_created,
	'contact-person.updated': m.audit_action_contact_person_updated,
	'contact-person.deleted': m.audit_action_contact_person_deleted,
	'site-settings.updated': m.audit_action_site_settings_updated,
	'venue.created': m.audit_action_venue_created,
	'venue.updated': m.audit_action_venue_updated,
	'contact-message.answered': m.audit_action_contact_message_answered,
	'outbox.retried': m.audit_action_outbox_retried,
	'booking-request.created': m.audit_action_booking_request_created,
	'booking-request.approved': m.audit_action_booking_request_approved,
	'booking-request.declined': m.audit_action_booking_request_declined,
	'booking-request.proposed': m.audit_action_booking_request_proposed,
	'booking-request.proposal-accepted': m.audit_action_booking_request_proposal_accepted,
	'booking-request.cancelled': m.audit_action_booking_request_cancelled,
	'booking-request.noted': m.audit_action_booking_request_noted,
	'booking-request.anonymised': m.audit_action_booking_request_anonymised,
	'booking.blocked': m.audit_action_booking_blocked,
	'booking.event-held': m.audit_action_booking_event_held,
	'booking.moved': m.audit_action_booking_moved,
	'room.created': m.audit_action_room_created,
	'room.updated': m.audit_action_room_updated,
	'room.photo-added': m.audit_action_room_photo_added,
	'room.photo-removed': m.audit_action_room_photo_removed,
	'event.created': m.audit_action_event_created,
	'event.updated': m.audit_action_event_updated,
	'event.cancelled': m.audit_action_event_cancelled,
	'event.examples-removed': m.audit_action_event_examples_removed,
	'event.date-cancelled': m.audit_action_event_date_cancelled,
	'event.date-reinstated': m.audit_action_event_date_reinstated,
	'event.date-moved': m.audit_action_event_date_moved,
	'event.split': m.audit_action_event_split,
	'event.proposed': m.audit_action_event_proposed,
	'event.published': m.audit_action_event_published,
	'event.rejected': m.audit_action_event_rejected,
	'registration.created': m.audit_action_registration_created,
	'registration.cancelled': m.audit_action_registration_cancelled,
	'registration.promoted': m.audit_action_registration_promoted,
	'registration.anonymised': m.audit_action_registration_anonymised,
	'group.created': m.audit_action_group_created,
	'group.updated': m.audit_action_group_updated,
	'group.deleted': m.audit_action_group_deleted,
	'group.editor-added': m.audit_action_group_editor_added,
	'group.editor-removed': m.audit_action_group_editor_removed,
	'concern.submitted': m.audit_action_concern_submitted,
	'concern.status-changed': m.audit_action_concern_status_changed,
	'concern.answered': m.audit_action_concern_answered,
	'concern.noted': m.audit_action_concern_noted,
	'concern.assigned': m.audit_action_concern_assigned,
	'concern.visibility-changed': m.audit_action_concern_visibility_changed,
	'concern.reopened-by-submitter': m.audit_action_concern_reopened_by_submitter,
	'concern.confirmed-by-submitter': m.audit_action_concern_confirmed_by_submitter,
	'concern.followup-sent': m.audit_action_concern_followup_sent,
	'concern.personal-data-erased': m.audit_action_concern_personal_data_erased,
	'concern.personal-data-exported': m.audit_action_concern_personal_data_exported,
	'concern.merged': m.audit_action_concern_merged,
	'concern.duplicate-merged': m.audit_action_concern_duplicate_merged,
	'concern.forwarded': m.audit_action_concern_forwarded,
	'concern.forward-answered': m.audit_action_concern_forward_answered,
	'concern.forward-reminded': m.audit_action_concern_forward_reminded,
	'concern.body-saved': m.audit_action_concern_body_saved,
	'concern.open311-key-created': m.audit_action_concern_open311_key_created,
	'concern.open311-key-revoked': m.audit_action_concern_open311_key_revoked,
	'concern.recorded': m.audit_action_concern_recorded,
	'concern.receipt-reissued': m.audit_action_concern_receipt_reissued,
	'concern.category-created': m.audit_action_concern_category_created,
	'concern.category-updated': m.audit_action_concern_category_updated,
	'concern.category-deleted': m.audit_action_concern_category_deleted,
	'concern.photo-hidden': m.audit_action_concern_photo_hidden,
	'concern.photo-shown': m.audit_action_concern_photo_shown,
	'concern.photo-deleted': m.audit_action_concern_photo_deleted,
	'capability-link.issued': m.audit_action_capability_link_issued,
	'capability-link.revoked': m.audit_action_capability_link_revoked
};

/** The label of a stored action; an unknown (older, free-text) action is shown as it was stored. */
export function actionLabel(action: string): string {
	return Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action as AuditAction]() : action;
}

/** Who acted, for people: the account's name, else what kind of actor it was. */
export function actorLabel(actor: {
	kind: string | null;
	displayName: string | null;
	email: string | null;
}): string {
	if (actor.displayName || actor.email) return actor.displayName || actor.email || '';
	switch (actor.kind) {
		case 'cli':
			return m.audit_actor_cli();
		case 'anonymous':
			return m.audit_actor_anonymous();
		case 'capability':
			return m.audit_actor_capability();
		case 'staff':
		case 'resident':
			return m.audit_actor_deleted();
		default:
			return m.audit_actor_system();
	}
}
