/**
 * What a form field's schema says about it, in the reader's language: built on the server by
 * `describeForm(schema)` (src/lib/server/form-meta.ts), returned from the page's load and handed
 * to the form components (`<Field spec={data.fields.title} … />`), so that labels, hints, limits
 * and choices are written once, in the schema.
 */
export type FieldChoice = { value: string; label: string; hint?: string };

export type FieldKind = 'text' | 'textarea' | 'email' | 'password' | 'number' | 'date' | 'time';

export interface FieldSpec {
	name: string;
	label: string;
	hint?: string;
	maxLength?: number;
	required: boolean;
	/** The input the schema expects; a template may still choose, e.g. radios or a select for choices. */
	kind?: FieldKind;
	choices?: FieldChoice[];
	/** A checkbox group: the field is sent once per ticked box. */
	multiple?: boolean;
}

export type FormSpec = Record<string, FieldSpec>;

/** Ids of a field's parts; the error summary links to `#field-<name>` (a group's first input). */
export const fieldId = (name: string) => `field-${name}`;

/** A choice's input id: the first of a group takes the field's id so the summary link lands on it. */
export const choiceId = (name: string, value: string, index: number) =>
	index === 0 ? fieldId(name) : `${fieldId(name)}-${value.replace(/[^A-Za-z0-9_-]/g, '_')}`;
