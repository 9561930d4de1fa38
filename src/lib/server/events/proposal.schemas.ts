import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { describeField } from '../form-meta';
import { repeatLabel } from '$lib/events/labels';
import { eventInputSchema, TITLE_MAX, type EventInput } from './events.schemas';

/** A proposal's description: enough for a programme text, far less than staff may write. */
export const PROPOSAL_DESCRIPTION_MAX = 5000;
export const REJECTION_REASON_MIN = 5;
export const REJECTION_REASON_MAX = 2000;

/** What a visitor may choose: one date, or a plain weekly or monthly repeat. */
export const PROPOSAL_REPEAT_CHOICES = [
	'none',
	'weekly',
	'monthly-weekday',
	'monthly-day'
] as const;

/** Bots fill every field; people never see this one (as on the contact form). */
export const PROPOSAL_HONEYPOT_FIELD = 'website';

const staff = eventInputSchema.shape;

/**
 * An event as a visitor proposes it on /veranstaltungen/vorschlagen. The date, time, place and
 * facts are the staff form's fields (same checks, same messages); the repeat is reduced to the
 * simple cases, the organiser is free text, and the submitter says who they are and, if they
 * want to hear back, their e-mail address.
 */
export const proposalSchema = z.object({
	title: field.text(() => m.events_field_title(), TITLE_MAX),
	description: field.longText(() => m.events_field_description(), PROPOSAL_DESCRIPTION_MAX, {
		hint: () => m.events_submit_field_description_hint({ max: PROPOSAL_DESCRIPTION_MAX })
	}),
	date: staff.date,
	startTime: staff.startTime,
	endTime: staff.endTime,
	allDay: staff.allDay,
	repeat: field
		.choice(() => m.events_field_repeat(), PROPOSAL_REPEAT_CHOICES, { choiceLabel: repeatLabel })
		.default('none'),
	until: field.optionalDate(() => m.events_submit_field_until(), {
		hint: () => m.events_submit_field_until_hint()
	}),
	roomId: staff.roomId,
	placeName: staff.placeName,
	placeAddress: staff.placeAddress,
	organiserName: field.text(() => m.events_submit_field_organiser(), 150, {
		hint: () => m.events_submit_field_organiser_hint()
	}),
	categories: staff.categories,
	targetGroups: staff.targetGroups,
	languages: staff.languages,
	accessibilityNotes: staff.accessibilityNotes,
	wheelchairAccessible: staff.wheelchairAccessible,
	cost: staff.cost,
	isFree: staff.isFree,
	/** Only for editors of a group (signed in): the group the event is proposed for. */
	groupId: staff.groupId,
	submitterName: field.text(() => m.events_submit_field_name(), 100, {
		hint: () => m.events_submit_field_name_hint()
	}),
	submitterEmail: field.optionalEmail(() => m.events_submit_field_email(), {
		hint: () => m.events_submit_field_email_hint()
	})
});
export type ProposalInput = z.output<typeof proposalSchema>;

/** The proposal as the staff form's input, so the same domain code resolves its dates and place. */
export function proposalAsEventInput(p: ProposalInput): EventInput {
	return {
		title: p.title,
		description: p.description,
		date: p.date,
		startTime: p.startTime,
		endDate: '',
		endTime: p.endTime,
		allDay: p.allDay,
		repeat: p.repeat,
		interval: null,
		repeatEnd: p.repeat !== 'none' && p.until ? 'until' : 'never',
		until: p.until,
		count: null,
		rrule: '',
		roomId: p.roomId,
		placeName: p.placeName,
		placeAddress: p.placeAddress,
		latitude: null,
		longitude: null,
		// A proposal names its organiser as text, or is made by an editor for their group.
		groupId: p.groupId,
		categories: p.categories,
		targetGroups: p.targetGroups,
		languages: p.languages,
		accessibilityNotes: p.accessibilityNotes,
		wheelchairAccessible: p.wheelchairAccessible,
		cost: p.cost,
		isFree: p.isFree,
		slug: '',
		// Registration is the office's to set up when it publishes the proposal.
		registrationEnabled: false,
		registrationCapacity: null,
		registrationCloses: 'start',
		registrationWaitlist: false
	};
}

const reasonLabel = () => m.events_submit_field_reason();

/** Staff's reason for a rejection: the submitter reads it, so it must say something. */
export const rejectionSchema = z.object({
	reason: describeField(
		field
			.longText(reasonLabel, REJECTION_REASON_MAX)
			.refine((s) => s.length >= REJECTION_REASON_MIN, {
				error: () => m.error_too_short({ field: reasonLabel(), min: REJECTION_REASON_MIN })
			}),
		{ label: reasonLabel, hint: () => m.events_submit_field_reason_hint(), required: true }
	)
});
