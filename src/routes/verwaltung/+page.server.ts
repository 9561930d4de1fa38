import { getStaffDashboard } from '$lib/server/dashboard/get-staff-dashboard';
import { mailErrorKind } from '$lib/server/mail/mail-error-kind';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const dashboard = await getStaffDashboard(locals.db, { actor: locals.actor });
	return {
		...dashboard,
		outbox: dashboard.outbox && {
			...dashboard.outbox,
			stuck: dashboard.outbox.stuck.map(({ lastError, ...mail }) => ({
				...mail,
				reason: mailErrorKind(lastError)
			}))
		}
	};
};
