import { BOOKING_REQUEST_STATUSES, type BookingRequestStatus } from '../db/schema';
import type { Transitions } from '../states';

export { BOOKING_REQUEST_STATUSES, type BookingRequestStatus };

/**
 * A request comes in pending. Staff approve, decline or propose another room or time (then the
 * requester accepts, which approves it, or turns it down, which cancels it). The requester or
 * staff may cancel until it is over.
 */
export const BOOKING_REQUEST_TRANSITIONS = {
	pending: ['approved', 'declined', 'proposal', 'cancelled'],
	proposal: ['approved', 'cancelled'],
	approved: ['cancelled'],
	declined: [],
	cancelled: []
} as const satisfies Transitions<BookingRequestStatus>;
