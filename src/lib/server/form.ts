import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { hasBidiControls } from './security/invisible-chars';

/**
 * Form parsing and the field builders every form uses, so that every form answers bad input
 * the same way: a translated message naming the field, and the user's input back.
 */

type Label = () => string;

// Control characters other than tab/newline, lone surrogates and the replacement character
// (what invalid UTF-8 decodes to) are refused rather than stored.
// eslint-disable-next-line no-control-regex
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/;
const hasLoneSurrogate = (s: string) => !s.isWellFormed();

function cleanText(label: Label, max: number, singleLine: boolean) {
	return z
		.string({
			error: (issue) =>
				issue.input === undefined
					? m.error_required({ field: label() })
					: m.error_not_a_text({ field: label() })
		})
		.transform((s) => (singleLine ? s.replace(/\s+/g, ' ') : s.replace(/\r\n?/g, '\n')).trim())
		.superRefine((s, ctx) => {
			if (INVALID_CHARS.test(s) || hasLoneSurrogate(s)) {
				ctx.addIssue({ code: 'custom', message: m.error_invalid_chars({ field: label() }) });
			} else if (singleLine && hasBidiControls(s)) {
				// A name like "RTL \u202Egnp.exe" would read as "exe.png" to staff.
				ctx.addIssue({ code: 'custom', message: m.security_invisible_chars({ field: label() }) });
			} else if (s.length > max) {
				ctx.addIssue({ code: 'custom', message: m.error_too_long({ field: label(), max }) });
			}
		})
		.transform((s) => s.normalize('NFC'));
}

export const field = {
	/** Required single-line text. */
	text: (label: Label, max = 200) =>
		cleanText(label, max, true).refine((s) => s.length > 0, {
			error: () => m.error_required({ field: label() })
		}),
	/** Optional single-line text; empty becomes ''. */
	optionalText: (label: Label, max = 200) => cleanText(label, max, true).default(''),
	/** Required multi-line text. */
	longText: (label: Label, max = 5000) =>
		cleanText(label, max, false).refine((s) => s.length > 0, {
			error: () => m.error_required({ field: label() })
		}),
	optionalLongText: (label: Label, max = 20000) => cleanText(label, max, false).default(''),
	email: (label: Label) =>
		cleanText(label, 254, true)
			.refine((s) => s.length > 0, { error: () => m.error_required({ field: label() }) })
			.pipe(z.email({ error: () => m.error_invalid_email({ field: label() }) }))
			.transform((s) => s.toLowerCase()),
	optionalEmail: (label: Label) =>
		cleanText(label, 254, true)
			.pipe(
				z.union(
					[z.literal(''), z.email({ error: () => m.error_invalid_email({ field: label() }) })],
					{
						error: () => m.error_invalid_email({ field: label() })
					}
				)
			)
			.default(''),
	/** A password is never trimmed or normalised. */
	password: (label: Label, min = 0, max = 200) =>
		z
			.string({
				error: (issue) =>
					issue.input === undefined
						? m.error_required({ field: label() })
						: m.error_not_a_text({ field: label() })
			})
			.min(1, { error: () => m.error_required({ field: label() }) })
			.min(min, { error: () => m.error_too_short({ field: label(), min }) })
			.max(max, { error: () => m.error_too_long({ field: label(), max }) }),
	choice: <T extends readonly [string, ...string[]]>(label: Label, options: T) =>
		z.enum(options, { error: () => m.error_invalid_choice({ field: label() }) }),
	/** A checkbox: present means true. */
	checkbox: () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
	/** A checkbox that must be ticked (consent). */
	consent: (label: Label) =>
		z.preprocess(
			(v) => v === 'on' || v === 'true' || v === '1',
			z.literal(true, { error: () => m.error_consent({ field: label() }) })
		),
	/** yyyy-mm-dd from <input type=date>, optional. */
	optionalDate: (label: Label) =>
		z
			.string({ error: () => m.error_invalid_date({ field: label() }) })
			.trim()
			.refine((s) => s === '' || isIsoDate(s), {
				error: () => m.error_invalid_date({ field: label() })
			})
			.transform((s) => (s === '' ? null : s))
			.default(null),
	/** yyyy-mm-ddThh:mm from <input type=datetime-local>, interpreted in Europe/Berlin. */
	optionalDateTime: (label: Label) =>
		z
			.string({ error: () => m.error_invalid_date({ field: label() }) })
			.trim()
			.refine((s) => s === '' || berlinLocalToDate(s) !== null, {
				error: () => m.error_invalid_date({ field: label() })
			})
			.transform((s) => (s === '' ? null : berlinLocalToDate(s)))
			.default(null),
	integer: (label: Label, min = 0, max = 1_000_000) =>
		z.coerce
			.number({ error: () => m.error_invalid_number({ field: label() }) })
			.int({ error: () => m.error_invalid_number({ field: label() }) })
			.min(min, { error: () => m.error_invalid_number({ field: label() }) })
			.max(max, { error: () => m.error_invalid_number({ field: label() }) })
};

function isIsoDate(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Converts a wall-clock time in Europe/Berlin to the instant it denotes. */
export function berlinLocalToDate(local: string): Date | null {
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
	if (!match || !isIsoDate(match[1])) return null;
	const [hours, minutes] = [Number(match[2]), Number(match[3])];
	if (hours > 23 || minutes > 59) return null;
	const asUtc = new Date(`${local}:00Z`);
	// The offset of Berlin at that moment: try the offset at the guessed instant, then correct once.
	let guess = asUtc.getTime() - berlinOffsetMs(asUtc);
	guess = asUtc.getTime() - berlinOffsetMs(new Date(guess));
	return new Date(guess);
}

function berlinOffsetMs(at: Date): number {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Berlin',
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** Formats an instant as the value of <input type=datetime-local> in Europe/Berlin. */
export function toBerlinLocalInput(date: Date | null | undefined): string {
	if (!date) return '';
	const shifted = new Date(date.getTime() + berlinOffsetMs(date));
	return shifted.toISOString().slice(0, 16);
}

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type ParsedForm<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; errors: FieldErrors; values: FormValues };

const NEVER_ECHO = /password|_csrf/i;

/** Reads form data into a schema; on failure returns translated field errors and the input to show again. */
export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<ParsedForm<z.output<S>>> {
	let formData: FormData;
	try {
		formData = await request.formData();
	} catch {
		return {
			ok: false,
			errors: { _form: m.error_invalid_value({ field: 'Formular' }) },
			values: {}
		};
	}
	return parseFormData(formData, schema);
}

export function parseFormData<S extends z.ZodType>(
	formData: FormData,
	schema: S
): ParsedForm<z.output<S>> {
	const raw: Record<string, unknown> = {};
	const values: FormValues = {};
	for (const key of new Set(formData.keys())) {
		const all = formData.getAll(key);
		// A field sent twice is a tampered form; keep the first so the schema still sees one value.
		const value = all[0];
		raw[key] = value;
		if (typeof value === 'string' && !NEVER_ECHO.test(key)) values[key] = value.slice(0, 20000);
	}
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data, values };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? '_form');
		errors[key] ??= issue.message;
	}
	return { ok: false, errors, values };
}
