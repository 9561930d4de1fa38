import { redirect } from '@sveltejs/kit';

/**
 * "Saved", "created", "deleted" after a redirect: a query flag on the page the action sends the
 * user to (no session state, works without JavaScript). The back-office layout shows the notice.
 */
export const FLASH_PARAMS = {
	saved: 'gespeichert',
	created: 'angelegt',
	deleted: 'geloescht'
} as const;
export type Flash = keyof typeof FLASH_PARAMS;

/** `path` with the flag for `flash` (before any #fragment). */
export function withFlash(path: string, flash: Flash): string {
	const [base, fragment] = path.split('#', 2);
	const joined = `${base}${base.includes('?') ? '&' : '?'}${FLASH_PARAMS[flash]}=1`;
	return fragment === undefined ? joined : `${joined}#${fragment}`;
}

export function redirectWithFlash(path: string, flash: Flash): never {
	redirect(303, withFlash(path, flash));
}

/** The flash a page was opened with, if any (deleted wins over created over saved). */
export function flashOf(url: URL): Flash | null {
	for (const flash of ['deleted', 'created', 'saved'] as const) {
		if (url.searchParams.has(FLASH_PARAMS[flash])) return flash;
	}
	return null;
}
