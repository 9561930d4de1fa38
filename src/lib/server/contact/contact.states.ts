import { MESSAGE_STATUSES, type MessageStatus } from '../db/schema';
import type { Transitions } from '../states';

export { MESSAGE_STATUSES, type MessageStatus };

/** A message comes in as new and is marked answered by staff; there is no way back (yet). */
export const MESSAGE_TRANSITIONS = {
	new: ['answered'],
	answered: []
} as const satisfies Transitions<MessageStatus>;
