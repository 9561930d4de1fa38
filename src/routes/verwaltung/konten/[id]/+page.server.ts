import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { loadRecordHistory } from '$lib/server/audit/load-record-history';
import { accountStatus } from '$lib/server/auth/account-status';
import { actorUserId } from '$lib/server/auth/actor';
import { rolesSchema } from '$lib/server/auth/auth.schemas';
import { getAccountById } from '$lib/server/auth/find-accounts';
import { roleLabels } from '$lib/server/auth/role-labels';
import { roleOptions } from '$lib/server/auth/role-options';
import { sendSetPasswordLink } from '$lib/server/auth/send-set-password-link';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { setAccountDisabled } from '$lib/server/auth/set-account-disabled';
import { updateAccountRoles } from '$lib/server/auth/update-account-roles';
import { backOfficeAction } from '$lib/server/forms/action';
import { orErrorPage } from '$lib/server/forms/domain-errors';
import type { Actions, PageServerLoad } from './$types';

function accountId(param: string | undefined): number {
	if (!param || !/^\d{1,9}$/.test(param)) error(404);
	return Number(param);
}

export const load: PageServerLoad = async (event) => {
	const { locals, params } = event;
	const account = await orErrorPage(
		event,
		getAccountById(locals.db, { actor: locals.actor, id: accountId(params.id) })
	);
	const roleOptionList = roleOptions();
	return {
		account: {
			id: account.id,
			email: account.email,
			displayName: account.displayName,
			roles: account.roles as string[],
			rolesText: roleLabels(account.roles),
			status: accountStatus(account),
			disabled: account.disabledAt !== null,
			createdAt: account.createdAt
		},
		isSelf: actorUserId(locals.actor) === account.id,
		roleOptions: roleOptionList,
		history: await loadRecordHistory(
			event,
			{ entity: 'user', id: account.id },
			{
				fields: { roles: m.auth_admin_col_roles() },
				values: { roles: Object.fromEntries(roleOptionList.map((o) => [o.role, o.label])) }
			}
		)
	};
};

export const actions: Actions = {
	rollen: backOfficeAction({
		permission: 'accounts.manage',
		schema: rolesSchema,
		run: ({ roles }, { db, actor, event }) =>
			updateAccountRoles(db, {
				actor,
				userId: accountId(event.params.id),
				roles,
				origin: publicOrigin(event.url)
			}),
		respond: () => ({ done: 'roles' as const })
	}),

	link: backOfficeAction({
		permission: 'accounts.manage',
		run: (_, { db, actor, event }) =>
			sendSetPasswordLink(db, {
				actor,
				userId: accountId(event.params.id),
				origin: publicOrigin(event.url),
				sendMail: true
			}),
		respond: ({ email }) => ({ done: 'link' as const, email })
	}),

	sperren: backOfficeAction({
		permission: 'accounts.manage',
		run: (_, { db, actor, event }) =>
			setAccountDisabled(db, { actor, userId: accountId(event.params.id), disabled: true }),
		respond: () => ({ done: 'disabled' as const })
	}),

	freischalten: backOfficeAction({
		permission: 'accounts.manage',
		run: (_, { db, actor, event }) =>
			setAccountDisabled(db, { actor, userId: accountId(event.params.id), disabled: false }),
		respond: () => ({ done: 'enabled' as const })
	})
};
