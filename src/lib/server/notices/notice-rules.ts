import { m } from '$lib/paraglide/messages.js';
import { fieldError } from '../errors';
import type { NoticeInput } from './notices.schemas';
import { now as clockNow } from '../time';

export type NoticeStatus = 'active' | 'scheduled' | 'expired';

/** Where a notice stands at `now`: the same window findActiveNotices() uses. */
export function noticeStatus(
	notice: { startsAt: Date; endsAt: Date | null },
	now = clockNow()
): NoticeStatus {
	if (notice.startsAt > now) return 'scheduled';
	if (notice.endsAt && notice.endsAt <= now) return 'expired';
	return 'active';
}

/** A notice that ends before it starts would never show; say so at the end field. */
export function checkNoticeWindow(input: Pick<NoticeInput, 'startsAt' | 'endsAt'>) {
	if (input.endsAt && input.endsAt <= input.startsAt) {
		throw fieldError('endsAt', () =>
			m.content_error_end_before_start({
				field: m.content_notice_ends_at(),
				start: m.content_notice_starts_at()
			})
		);
	}
}
