/* The fixed lists of a concern (stored keys; labels in labels.ts). Shared by the database schema
 * (CHECK constraints) and the pages. */

export const CONCERN_VISIBILITIES = ['public', 'private'] as const;
export type ConcernVisibility = (typeof CONCERN_VISIBILITIES)[number];

export const CONCERN_STATUSES = [
	'received',
	'in_review',
	'forwarded',
	'in_progress',
	'resolved',
	'declined',
	'merged'
] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
