import { staffAccountSchema } from '$lib/server/auth/auth.schemas';
import { createStaffAccount } from '$lib/server/auth/create-staff-account';
import { roleOptions } from '$lib/server/auth/role-options';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { backOfficeAction } from '$lib/server/forms/action';
import { permitted } from '$lib/server/forms/domain-errors';
import { withFlash } from '$lib/server/forms/flash';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	permitted(event, 'accounts.manage');
	return { roleOptions: roleOptions() };
};

export const actions: Actions = {
	default: backOfficeAction({
		permission: 'accounts.manage',
		schema: staffAccountSchema,
		run: (input, { db, actor, event }) =>
			createStaffAccount(db, { actor, ...input, origin: publicOrigin(event.url), sendMail: true }),
		redirect: ({ userId }) => withFlash(`/verwaltung/konten/${userId}`, 'created')
	})
};
