import type { Db } from '$lib/server/db/client';
import type { Actor } from '$lib/server/auth/actor';
import type { SessionUser } from '$lib/server/auth/roles';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			db: Db;
			user: SessionUser | null;
			/** Who acts in this request; built from the session by the hook. */
			actor: Actor;
			sessionToken: string | null;
			csrfToken: string;
		}
	}
}

export {};
