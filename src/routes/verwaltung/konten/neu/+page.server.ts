import { fail, redirect } from '@sveltejs/kit';
import { staffAccountSchema } from '$lib/server/auth/auth.schemas';
import { createStaffAccount } from '$lib/server/auth/create-staff-account';
import { failFromDomainError } from '$lib/server/auth/form-failure';
import { roleOptions } from '$lib/server/auth/role-options';
import { requireRole } from '$lib/server/auth/roles';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { parseForm } from '$lib/server/form';
import { kickMailSender } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRole(locals.user, 'admin', url.pathname);
	return { roleOptions: roleOptions() };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireRole(locals.user, 'admin', url.pathname);
		const parsed = await parseForm(request, staffAccountSchema);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		let userId: number;
		try {
			({ userId } = await createStaffAccount(locals.db, {
				actor,
				...parsed.data,
				origin: publicOrigin(url),
				sendMail: true
			}));
		} catch (err) {
			return failFromDomainError(err, parsed.values);
		}
		kickMailSender();
		redirect(303, `/verwaltung/konten/${userId}?angelegt=1`);
	}
};
