import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { priorityLabel } from '$lib/notice-labels';
import { field } from '../form';
import { describeField } from '../form-meta';
import { NOTICE_PRIORITIES } from '../db/schema';

export const noticeSchema = z.object({
	title: field.text(() => m.content_notice_title(), 200, {
		hint: () => m.content_notice_title_hint()
	}),
	body: field.optionalLongText(() => m.content_notice_body(), 2000, {
		hint: () => m.content_notice_body_hint()
	}),
	priority: field.choice(() => m.content_notice_priority(), NOTICE_PRIORITIES, {
		hint: () => m.content_notice_priority_hint(),
		choiceLabel: priorityLabel
	}),
	startsAt: describeField(
		field
			.optionalDateTime(() => m.content_notice_starts_at())
			.refine((d) => d !== null, {
				error: () => m.error_required({ field: m.content_notice_starts_at() })
			})
			.transform((d) => d as Date),
		{
			label: () => m.content_notice_starts_at(),
			hint: () => m.content_notice_starts_at_hint(),
			required: true
		}
	),
	endsAt: describeField(
		field.optionalDateTime(() => m.content_notice_ends_at()),
		{
			label: () => m.content_notice_ends_at(),
			hint: () => m.content_notice_ends_at_hint()
		}
	)
});
export type NoticeInput = z.output<typeof noticeSchema>;

export const newsPostSchema = z.object({
	title: field.text(() => m.content_news_title(), 200),
	slug: field.optionalText(() => m.content_news_slug(), 100),
	summary: field.optionalLongText(() => m.content_news_summary(), 500),
	body: field.longText(() => m.content_news_body(), 20000),
	published: field.checkbox()
});
export type NewsPostInput = z.output<typeof newsPostSchema>;
