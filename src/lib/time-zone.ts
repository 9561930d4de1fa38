/**
 * The zone used when TIME_ZONE is not configured. Shared by the server configuration and the
 * date formatting in templates (which may not import server modules).
 */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** Whether `zone` is an IANA zone name the runtime knows ("Europe/Berlin", "UTC"); offsets are not. */
export function isTimeZoneName(zone: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
