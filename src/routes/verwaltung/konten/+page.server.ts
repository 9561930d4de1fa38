import { accountStatus } from '$lib/server/auth/account-status';
import { ACCOUNT_FILTERS, findAccounts, type AccountFilter } from '$lib/server/auth/find-accounts';
import { roleLabels } from '$lib/server/auth/role-labels';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, url } = event;
	const page = Math.min(
		10_000,
		Math.max(1, Number.parseInt(url.searchParams.get('seite') ?? '1', 10) || 1)
	);
	const requested = url.searchParams.get('art') ?? 'all';
	const filter: AccountFilter = (ACCOUNT_FILTERS as readonly string[]).includes(requested)
		? (requested as AccountFilter)
		: 'all';
	const result = await orErrorPage(
		event,
		findAccounts(locals.db, { actor: locals.actor, page, filter })
	);
	return {
		filter,
		page: result.page,
		pages: result.pages,
		total: result.total,
		accounts: result.rows.map((a) => ({
			id: a.id,
			email: a.email,
			displayName: a.displayName,
			roles: roleLabels(a.roles),
			status: accountStatus(a)
		}))
	};
};
