import { emailOnlySchema } from '$lib/server/auth/auth.schemas';
import { requestPasswordReset } from '$lib/server/auth/request-password-reset';
import { publicOrigin } from '$lib/server/auth/session-cookie';
import { publicSubmission } from '$lib/server/forms/action';
import type { Actions } from './$types';

export const actions: Actions = {
	default: publicSubmission({
		rateLimit: { name: 'reset' },
		schema: emailOnlySchema,
		run: async ({ email }, { db, actor, event }) => {
			await requestPasswordReset(db, { actor, email, origin: publicOrigin(event.url) });
			return email;
		},
		// The same answer whether or not the address has an account.
		respond: (email) => ({ sent: true, email })
	})
};
