import { BOOKING_REQUEST_STATUSES, type BookingRequestStatus } from '../db/schema';
import type { Transitions } from '../states';

export { BOOKING_REQUEST_STATUSES, type BookingRequestStatus };

/**
 * A request comes in pending. Staff approve or decline it, or propose another room or time
 * (proposal), which the requester accepts (approved) or rejects (cancelled). The requester or
 * staff may cancel it while it is open or approved.
 */
export const BOOKING_REQUEST_TRANSITIONS = {
	pending: ['approved', 'declined', 'proposal', 'cancelled'],
	proposal: ['approved', 'cancelled'],
	approved: ['cancelled'],
	declined: [],
	cancelled: []
} as const satisfies Transitions<BookingRequestStatus>;
