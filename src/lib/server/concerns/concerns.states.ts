import { CONCERN_STATUSES, type ConcernStatus } from '../db/schema';
import type { Transitions } from '../states';

export { CONCERN_STATUSES, type ConcernStatus };

/**
 * A concern comes in as received. Staff review it, forward it to a responsible body, work on it
 * and close it as resolved or declined, or merge it into another. A resolved concern may be
 * reopened (in progress) and a declined one reconsidered (in review); a merged one stays merged.
 * Any open concern may be merged: a duplicate is often noticed only once work has begun.
 */
export const CONCERN_TRANSITIONS = {
	received: ['in_review', 'forwarded', 'in_progress', 'resolved', 'declined', 'merged'],
	in_review: ['forwarded', 'in_progress', 'resolved', 'declined', 'merged'],
	forwarded: ['in_progress', 'resolved', 'declined', 'merged'],
	in_progress: ['forwarded', 'resolved', 'declined', 'merged'],
	resolved: ['in_progress'],
	declined: ['in_review'],
	merged: []
} as const satisfies Transitions<ConcernStatus>;

/** The states staff set by hand in this step; forwarding and merging have their own use cases (later). */
export const MANUAL_STATUSES = [
	'in_review',
	'in_progress',
	'resolved',
	'declined'
] as const satisfies readonly ConcernStatus[];
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

/** Still waiting for the office (the back-office count). */
export const OPEN_CONCERN_STATUSES = ['received', 'in_review'] as const;
export const CLOSED_CONCERN_STATUSES = ['resolved', 'declined', 'merged'] as const;

export function isClosedStatus(status: ConcernStatus): boolean {
	return (CLOSED_CONCERN_STATUSES as readonly string[]).includes(status);
}
