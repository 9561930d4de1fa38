import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { describeField } from '../form-meta';
import { DECLINE_MESSAGE_MAX_LENGTH } from './decline-booking-request';
import { BOOKING_NOTE_MAX_LENGTH } from './update-booking-note';

const skipLabel = () => m.rooms_staff_skip_label();
const notADate = () => m.error_invalid_choice({ field: skipLabel() });

/**
 * The approve form: one checkbox per open date ("diesen Termin auslassen"), each sending the
 * booking's id. Whether the ids belong to the request is checked by the use case.
 */
export const approveBookingSchema = z.object({
	skipBookingIds: describeField(
		z.preprocess(
			(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
			z
				.array(
					z
						.string({ error: notADate })
						.regex(/^[1-9][0-9]{0,8}$/, { error: notADate })
						.transform(Number),
					{ error: notADate }
				)
				.max(500, { error: notADate })
		),
		{ label: skipLabel, multiple: true, required: false }
	)
});

export const declineBookingSchema = z.object({
	message: field.longText(() => m.rooms_staff_decline_message(), DECLINE_MESSAGE_MAX_LENGTH, {
		hint: () => m.rooms_staff_decline_message_hint({ max: DECLINE_MESSAGE_MAX_LENGTH })
	})
});

/** Propose another room and/or time; `date` only for a request of one date. */
export const proposeAlternativeSchema = z.object({
	roomId: describeField(
		field.integer(() => m.rooms_staff_propose_room(), 1, 2_147_483_647),
		{
			label: () => m.rooms_staff_propose_room(),
			required: true
		}
	),
	date: field.optionalDate(() => m.rooms_staff_propose_date(), {
		hint: () => m.rooms_staff_propose_date_hint()
	}),
	startTime: field.time(() => m.rooms_field_start()),
	endTime: field.time(() => m.rooms_field_end()),
	// Not `message`: the decline form on the same page has that field (ids must be unique).
	proposalMessage: field.optionalLongText(
		() => m.rooms_staff_propose_message(),
		DECLINE_MESSAGE_MAX_LENGTH
	)
});

/** Staff cancel a request: the message goes to the requester; no undo, so a ticked box. */
export const cancelBookingSchema = z.object({
	// Not `message`: the decline form on the same page has that field (ids must be unique).
	cancelMessage: field.longText(() => m.rooms_week_cancel_message(), DECLINE_MESSAGE_MAX_LENGTH, {
		hint: () => m.rooms_week_cancel_message_hint({ max: DECLINE_MESSAGE_MAX_LENGTH })
	}),
	confirm: field.consent(() => m.rooms_week_cancel_confirm())
});

/** The internal note; empty clears it. */
export const bookingNoteSchema = z.object({
	internalNote: field.optionalLongText(() => m.rooms_week_note_label(), BOOKING_NOTE_MAX_LENGTH, {
		hint: () => m.rooms_week_note_hint()
	})
});

const moveRoomLabel = () => m.rooms_move_field_room();
const notARoom = () => m.error_invalid_choice({ field: moveRoomLabel() });

/**
 * Staff move one date: the room (the date's own by default), the new day and times. Whether
 * the room belongs to the house and the time fits is checked by the use case.
 */
export const moveBookingSchema = z.object({
	roomId: describeField(
		z
			.string({ error: notARoom })
			.regex(/^[1-9][0-9]{0,9}$/, { error: notARoom })
			.transform(Number)
			.refine((id) => id <= 2_147_483_647, { error: notARoom }),
		{ label: moveRoomLabel, hint: () => m.rooms_move_field_room_hint(), required: true }
	),
	date: field.date(() => m.rooms_move_field_date()),
	startTime: field.time(() => m.rooms_field_start()),
	endTime: field.time(() => m.rooms_field_end())
});
