import { m } from '$lib/paraglide/messages.js';

/** "30 Sekunden" / "15 Minuten": how long someone has to wait, in words. */
export function waitText(seconds: number): string {
	if (seconds <= 90)
		return seconds === 1 ? m.auth_wait_one_second() : m.auth_wait_seconds({ seconds });
	const minutes = Math.ceil(seconds / 60);
	return m.auth_wait_minutes({ minutes });
}
