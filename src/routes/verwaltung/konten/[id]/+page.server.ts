import { error, fail } from '@sveltejs/kit';
import { accountStatus } from '$lib/server/auth/account-status';
import { rolesSchema } from '$lib/server/auth/auth.schemas';
import { getAccountById } from '$lib/server/auth/find-accounts';
import { failFromDomainError } from '$lib/server/auth/form-failure';
import { roleLabels } from '$lib/server/auth/role-labels';
import { roleOptions } from '$lib/server/auth/role-options';
import { requireRole } from '$lib/server/auth/roles';
import { sendSetPasswordLink } from '$lib/server/auth/send-set-password-link';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { setAccountDisabled } from '$lib/server/auth/set-account-disabled';
import { updateAccountRoles } from '$lib/server/auth/update-account-roles';
import { parseForm } from '$lib/server/form';
import { loadOrError } from '$lib/server/http';
import { kickMailSender } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

function accountId(param: string): number {
	if (!/^\d{1,9}$/.test(param)) error(404);
	return Number(param);
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireRole(locals.user, 'admin', url.pathname);
	const account = await loadOrError(getAccountById(locals.db, { actor, id: accountId(params.id) }));
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
		isSelf: actor.id === account.id,
		created: url.searchParams.has('angelegt'),
		roleOptions: roleOptions()
	};
};

export const actions: Actions = {
	rollen: async ({ request, locals, url, params }) => {
		const actor = requireRole(locals.user, 'admin', url.pathname);
		const userId = accountId(params.id);
		const parsed = await parseForm(request, rolesSchema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		try {
			await updateAccountRoles(locals.db, {
				actor,
				userId,
				roles: parsed.data.roles,
				origin: publicOrigin(url)
			});
		} catch (err) {
			return failFromDomainError(err, parsed.values);
		}
		// A resident who became staff gets a set-password link.
		kickMailSender();
		return { done: 'roles' as const };
	},

	link: async ({ locals, url, params }) => {
		const actor = requireRole(locals.user, 'admin', url.pathname);
		try {
			const { email } = await sendSetPasswordLink(locals.db, {
				actor,
				userId: accountId(params.id),
				origin: publicOrigin(url),
				sendMail: true
			});
			kickMailSender();
			return { done: 'link' as const, email };
		} catch (err) {
			return failFromDomainError(err, {});
		}
	},

	sperren: async ({ locals, url, params }) => {
		const actor = requireRole(locals.user, 'admin', url.pathname);
		try {
			await setAccountDisabled(locals.db, { actor, userId: accountId(params.id), disabled: true });
		} catch (err) {
			return failFromDomainError(err, {});
		}
		return { done: 'disabled' as const };
	},

	freischalten: async ({ locals, url, params }) => {
		const actor = requireRole(locals.user, 'admin', url.pathname);
		try {
			await setAccountDisabled(locals.db, { actor, userId: accountId(params.id), disabled: false });
		} catch (err) {
			return failFromDomainError(err, {});
		}
		return { done: 'enabled' as const };
	}
};
