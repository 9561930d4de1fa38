import type { Db } from '$lib/server/db/client';
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
			sessionToken: string | null;
			csrfToken: string;
		}
	}
}

export {};
