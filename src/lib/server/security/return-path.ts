/**
 * The one check for a path we send people back to after a login, a language switch or any
 * other "weiter"/"zurueck" parameter.
 *
 * Browsers are lenient where attackers like it: they read "\" as "/", drop tabs and newlines
 * anywhere in a URL, and resolve "/.//host" to "//host", which is another site. So the value is
 * checked in every decoded form for what could change its meaning, then normalised by the URL
 * parser, and the normalised result is checked again: a path that starts with "//" after
 * normalising is refused, whatever it looked like before.
 */

const MAX_LENGTH = 500;
const BASE = 'http://quartier.invalid';

// C0/C1 controls, DEL, backslash, and invisible formatting characters (bidi controls, zero
// widths, the BOM) that make a link read differently from where it goes.
const FORBIDDEN =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u001F\u007F-\u009F\\\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

/** Up to three rounds of percent-decoding (double-encoded "%252F" included); null if malformed. */
function decodedForms(value: string): string[] | null {
	const forms = [value];
	let current = value;
	for (let i = 0; i < 3 && current.includes('%'); i++) {
		try {
			current = decodeURIComponent(current);
		} catch {
			return null;
		}
		forms.push(current);
	}
	return forms;
}

function leavesSite(path: string): boolean {
	return !path.startsWith('/') || path.startsWith('//') || FORBIDDEN.test(path);
}

/** A local path (with its query) on this site, or null. */
export function safeReturnPath(value: string | null | undefined): string | null {
	if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
	const forms = decodedForms(value);
	if (!forms || forms.some(leavesSite)) return null;
	let parsed: URL;
	try {
		parsed = new URL(value, BASE);
	} catch {
		return null;
	}
	if (parsed.origin !== BASE) return null;
	const result = parsed.pathname + parsed.search;
	// Checked again after normalising: "/.//evil.example" has become "//evil.example" here.
	const normalised = decodedForms(result);
	if (!normalised || normalised.some(leavesSite)) return null;
	if (new URL(result, 'https://other.invalid').host !== 'other.invalid') return null;
	return result;
}

/** The return path, or the given fallback when it is missing or not safe. */
export function returnPathOr(value: string | null | undefined, fallback: string): string {
	return safeReturnPath(value) ?? fallback;
}
