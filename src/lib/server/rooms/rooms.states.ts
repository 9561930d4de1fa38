import { BOOKING_REQUEST_STATUSES, type BookingRequestStatus } from '../db/schema';
import type { Transitions } from '../states';

export { BOOKING_REQUEST_STATUSES, type BookingRequestStatus };

/**
 * A request comes in pending; staff approve, decline or propose another room or time; the
 * requester accepts a proposal (approved) or cancels. A declined or cancelled request is done.
 */
export const BOOKING_REQUEST_TRANSITIONS = {
	pending: ['approved', 'declined', 'proposal', 'cancelled'],
	approved: ['cancelled'],
	proposal: ['approved', 'declined', 'cancelled'],
	declined: [],
	cancelled: []
} as const satisfies Transitions<BookingRequestStatus>;
