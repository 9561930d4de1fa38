import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { orErrorPage, permitted } from '$lib/server/forms/domain-errors';
import { getUsageReport, parseMonth, usageReportCsv } from '$lib/server/rooms/usage-report';
import { now, toLocalDate } from '$lib/server/time';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	const actor = permitted(event, 'bookings.read');
	const asked = url.searchParams.get('monat');
	const month =
		asked === null || asked.trim() === ''
			? toLocalDate(now()).slice(0, 7)
			: parseMonth(asked.trim());
	if (!month) error(404, m.error_not_found_text());
	const report = await orErrorPage(event, getUsageReport(locals.db, { actor, month }));
	const csv = usageReportCsv(report, {
		header: [
			m.rooms_report_col_room(),
			m.rooms_report_col_group(),
			m.rooms_report_col_bookings(),
			m.rooms_report_col_hours()
		],
		noGroup: m.rooms_report_no_group(),
		kind: (kind) => (kind === 'block' ? m.rooms_report_blocks() : m.rooms_report_events()),
		total: m.rooms_report_total()
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="raumbelegung-${month}.csv"`,
			// Names of groups: not for shared caches.
			'cache-control': 'private, no-store'
		}
	});
};
