import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { field } from '../form';
import { NOTICE_PRIORITIES } from '../db/schema';

export const noticeSchema = z.object({
	title: field.text(() => m.content_notice_title(), 200),
	body: field.optionalLongText(() => m.content_notice_body(), 2000),
	priority: field.choice(() => m.content_notice_priority(), NOTICE_PRIORITIES),
	startsAt: field
		.optionalDateTime(() => m.content_notice_starts_at())
		.refine((d) => d !== null, {
			error: () => m.error_required({ field: m.content_notice_starts_at() })
		})
		.transform((d) => d as Date),
	endsAt: field.optionalDateTime(() => m.content_notice_ends_at())
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
