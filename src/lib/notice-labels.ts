import { m } from '$lib/paraglide/messages.js';

/** A notice priority's visible name: in lists, and as the choices of the notice form's schema. */
export const priorityLabel = (p: 'info' | 'important' | 'urgent') =>
	p === 'urgent'
		? m.notice_priority_urgent()
		: p === 'important'
			? m.notice_priority_important()
			: m.notice_priority_info();
