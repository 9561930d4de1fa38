import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { localToInstant } from './time';
import { MAX_YEAR, MIN_YEAR, parseDateInput, parseTimeInput } from './date-input';
import {
	describeField,
	multipleFields,
	type ChoiceOptions,
	type FieldMeta,
	type FieldOptions
} from './form-meta';
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

/** Records what a builder knows about its field (label, limit, choices) for describeForm. */
const described = <S extends z.ZodType>(
	schema: S,
	label: Label,
	meta: Omit<FieldMeta, 'label'>,
	options: FieldOptions = {}
): S => describeField(schema, { label, ...meta, ...options });

/**
 * Every builder takes `{ hint }` as its last argument: the hint then comes with the label from
 * describeForm(schema) instead of being written into the template.
 */
export const field = {
	/** Required single-line text. */
	text: (label: Label, max = 200, options?: FieldOptions) =>
		described(
			cleanText(label, max, true).refine((s) => s.length > 0, {
				error: () => m.error_required({ field: label() })
			}),
			label,
			{ maxLength: max, required: true, kind: 'text' },
			options
		),
	/** Optional single-line text; empty becomes ''. */
	optionalText: (label: Label, max = 200, options?: FieldOptions) =>
		described(
			cleanText(label, max, true),
			label,
			{ maxLength: max, required: false, kind: 'text' },
			options
		).default(''),
	/** Required multi-line text. */
	longText: (label: Label, max = 5000, options?: FieldOptions) =>
		described(
			cleanText(label, max, false).refine((s) => s.length > 0, {
				error: () => m.error_required({ field: label() })
			}),
			label,
			{ maxLength: max, required: true, kind: 'textarea' },
			options
		),
	optionalLongText: (label: Label, max = 20000, options?: FieldOptions) =>
		described(
			cleanText(label, max, false),
			label,
			{ maxLength: max, required: false, kind: 'textarea' },
			options
		).default(''),
	email: (label: Label, options?: FieldOptions) =>
		described(
			cleanText(label, 254, true)
				.refine((s) => s.length > 0, { error: () => m.error_required({ field: label() }) })
				.pipe(z.email({ error: () => m.error_invalid_email({ field: label() }) }))
				.transform((s) => s.toLowerCase()),
			label,
			{ maxLength: 254, required: true, kind: 'email' },
			options
		),
	optionalEmail: (label: Label, options?: FieldOptions) =>
		described(
			cleanText(label, 254, true).pipe(
				z.union(
					[z.literal(''), z.email({ error: () => m.error_invalid_email({ field: label() }) })],
					{
						error: () => m.error_invalid_email({ field: label() })
					}
				)
			),
			label,
			{ maxLength: 254, required: false, kind: 'email' },
			options
		).default(''),
	/** A password is never trimmed or normalised. */
	password: (label: Label, min = 0, max = 200, options?: FieldOptions) =>
		described(
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
			label,
			{ maxLength: max, required: true, kind: 'password' },
			options
		),
	/** One of a fixed list (radios or a select); `choiceLabel` gives each its visible text. */
	choice: <T extends readonly [string, ...string[]]>(
		label: Label,
		options: T,
		choiceOptions: ChoiceOptions<T[number]> = {}
	) =>
		described(
			z.enum(options, { error: () => m.error_invalid_choice({ field: label() }) }),
			label,
			{
				required: true,
				choices: options,
				choiceLabel: choiceOptions.choiceLabel as FieldMeta['choiceLabel'],
				choiceHint: choiceOptions.choiceHint as FieldMeta['choiceHint']
			},
			{ hint: choiceOptions.hint }
		),
	/**
	 * Any number of a fixed list (a checkbox group; the browser sends the name once per ticked
	 * box). Gives the chosen values in the list's order, each once; `min: 1` asks for at least one.
	 */
	choices: <T extends readonly [string, ...string[]]>(
		label: Label,
		options: T,
		{ min = 0, ...choiceOptions }: ChoiceOptions<T[number]> & { min?: number } = {}
	) =>
		described(
			z.preprocess(
				(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
				z
					.array(z.enum(options, { error: () => m.error_invalid_choice({ field: label() }) }), {
						error: () => m.error_invalid_choice({ field: label() })
					})
					.max(options.length * 2, { error: () => m.error_invalid_choice({ field: label() }) })
					.transform((chosen) => options.filter((o) => chosen.includes(o)) as T[number][])
					.refine((chosen) => chosen.length >= min, {
						error: () => m.formkit_error_choose_at_least_one({ field: label() })
					})
			),
			label,
			{
				required: min > 0,
				multiple: true,
				choices: options,
				choiceLabel: choiceOptions.choiceLabel as FieldMeta['choiceLabel'],
				choiceHint: choiceOptions.choiceHint as FieldMeta['choiceHint']
			},
			{ hint: choiceOptions.hint }
		),
	/** A checkbox: present means true. */
	checkbox: () => z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
	/** A checkbox that must be ticked (consent). */
	consent: (label: Label) =>
		z.preprocess(
			(v) => v === 'on' || v === 'true' || v === '1',
			z.literal(true, { error: () => m.error_consent({ field: label() }) })
		),
	/**
	 * A calendar day from <input type=date> (yyyy-mm-dd) or typed where the browser shows a text
	 * field (29.11.2026); gives yyyy-mm-dd.
	 */
	date: (label: Label, options?: FieldOptions) =>
		described(
			dateOrEmpty(label).refine((d) => d !== null, {
				error: () => m.error_required({ field: label() })
			}),
			label,
			{ required: true, kind: 'date' },
			options
		).transform((d) => d as string),
	/** Like `date`; empty gives null. */
	optionalDate: (label: Label, options?: FieldOptions) =>
		described(dateOrEmpty(label), label, { required: false, kind: 'date' }, options).default(null),
	/** A wall-clock time from <input type=time> (hh:mm) or typed (9:30, 09.30, 9 Uhr); gives hh:mm. */
	time: (label: Label, options?: FieldOptions) =>
		described(
			timeOrEmpty(label).refine((t) => t !== null, {
				error: () => m.error_required({ field: label() })
			}),
			label,
			{ required: true, kind: 'time' },
			options
		).transform((t) => t as string),
	/** Like `time`; empty gives null. */
	optionalTime: (label: Label, options?: FieldOptions) =>
		described(timeOrEmpty(label), label, { required: false, kind: 'time' }, options).default(null),
	/** yyyy-mm-ddThh:mm from <input type=datetime-local>, a wall-clock time in the configured zone. */
	optionalDateTime: (label: Label) =>
		z
			.string({ error: () => m.error_invalid_date({ field: label() }) })
			.trim()
			.refine((s) => s === '' || localToInstant(s) !== null, {
				error: () => m.error_invalid_date({ field: label() })
			})
			.transform((s) => (s === '' ? null : localToInstant(s)))
			.default(null),
	integer: (label: Label, min = 0, max = 1_000_000) =>
		z.coerce
			.number({ error: () => m.error_invalid_number({ field: label() }) })
			.int({ error: () => m.error_invalid_number({ field: label() }) })
			.min(min, { error: () => m.error_invalid_number({ field: label() }) })
			.max(max, { error: () => m.error_invalid_number({ field: label() }) })
};

/** A string that is empty (null) or a date parseDateInput accepts, with a message for each problem. */
function dateOrEmpty(label: Label) {
	return z
		.string({
			error: (issue) =>
				issue.input === undefined
					? m.error_required({ field: label() })
					: m.error_not_a_text({ field: label() })
		})
		.transform((s, ctx) => {
			if (s.trim() === '') return null;
			const parsed = parseDateInput(s);
			if (parsed.ok) return parsed.value;
			ctx.addIssue({
				code: 'custom',
				message:
					parsed.problem === 'no-such-date'
						? m.formkit_error_no_such_date({ field: label() })
						: parsed.problem === 'year-range'
							? m.formkit_error_date_year({ field: label(), min: MIN_YEAR, max: MAX_YEAR })
							: m.formkit_error_date_format({ field: label() })
			});
			return z.NEVER;
		});
}

function timeOrEmpty(label: Label) {
	return z
		.string({
			error: (issue) =>
				issue.input === undefined
					? m.error_required({ field: label() })
					: m.error_not_a_text({ field: label() })
		})
		.transform((s, ctx) => {
			if (s.trim() === '') return null;
			const parsed = parseTimeInput(s);
			if (parsed.ok) return parsed.value;
			ctx.addIssue({
				code: 'custom',
				message:
					parsed.problem === 'no-such-time'
						? m.formkit_error_no_such_time({ field: label() })
						: m.formkit_error_time_format({ field: label() })
			});
			return z.NEVER;
		});
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
	const multiple = multipleFields(schema);
	for (const key of new Set(formData.keys())) {
		const all = formData.getAll(key);
		if (multiple.has(key)) {
			// A checkbox group sends its name once per ticked box. Its values come back to the
			// form one per line (a choice never contains a line break).
			const strings = all.filter((v): v is string => typeof v === 'string');
			raw[key] = all.length === strings.length ? strings : all;
			values[key] = strings.join('\n').slice(0, 20000);
			continue;
		}
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
