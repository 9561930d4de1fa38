import { z } from 'zod';
import type { FieldChoice, FieldKind, FieldSpec, FormSpec } from '$lib/components/ui/field-spec';

/**
 * What the field builders in form.ts know about a field (its label, limit, choices), kept beside
 * the schema in a registry of our own, so that `describeForm` can hand it to the page. Labels are
 * functions because the language is only known per request.
 */
type Text = () => string;

export interface FieldMeta {
	label: Text;
	hint?: Text;
	maxLength?: number;
	required?: boolean;
	kind?: FieldKind;
	choices?: readonly string[];
	choiceLabel?: (value: string) => string;
	choiceHint?: (value: string) => string | undefined;
	multiple?: boolean;
}

/** Options every field builder takes as its last argument. */
export interface FieldOptions {
	hint?: Text;
}

export interface ChoiceOptions<V extends string> extends FieldOptions {
	/** The visible text of each choice; without it the value itself is shown. */
	choiceLabel?: (value: V) => string;
	choiceHint?: (value: V) => string | undefined;
}

export const formFields = z.registry<FieldMeta>();

/** Attaches (or adds to) a field's description; returns the same schema for chaining. */
export function describeField<S extends z.ZodType>(schema: S, meta: Partial<FieldMeta>): S {
	const before = fieldMetaOf(schema);
	const merged = { ...before, ...meta } as FieldMeta;
	if (formFields.has(schema)) formFields.remove(schema);
	formFields.add(schema, merged);
	return schema;
}

/**
 * The description of a field, looking through what wraps a builder's schema: `.refine()` keeps
 * it (zod links the copy to its parent), `.transform()`, `.default()`, `.optional()` and
 * `z.preprocess()` wrap it in a new schema.
 */
export function fieldMetaOf(schema: z.ZodType): FieldMeta | undefined {
	let current: z.ZodType | undefined = schema;
	for (let depth = 0; current && depth < 10; depth++) {
		const meta = formFields.get(current);
		if (meta) return meta;
		const def = current._zod.def as {
			innerType?: z.ZodType;
			in?: z.ZodType;
			out?: z.ZodType;
			type: string;
		};
		if (def.innerType) current = def.innerType;
		else if (def.type === 'pipe') {
			// A preprocess is a pipe from a transform to the real field; a transform is the reverse.
			current = def.in?._zod.def.type === 'transform' ? def.out : def.in;
		} else current = undefined;
	}
	return undefined;
}

function specOf(name: string, meta: FieldMeta): FieldSpec {
	const spec: FieldSpec = { name, label: meta.label(), required: meta.required ?? false };
	const hint = meta.hint?.();
	if (hint) spec.hint = hint;
	if (meta.maxLength !== undefined) spec.maxLength = meta.maxLength;
	if (meta.kind) spec.kind = meta.kind;
	if (meta.multiple) spec.multiple = true;
	if (meta.choices) {
		spec.choices = meta.choices.map((value): FieldChoice => {
			const choice: FieldChoice = { value, label: meta.choiceLabel?.(value) ?? value };
			const choiceHint = meta.choiceHint?.(value);
			if (choiceHint) choice.hint = choiceHint;
			return choice;
		});
	}
	return spec;
}

/**
 * Each field of a form schema as the components want it, in the current language: return it
 * from the page's load (`fields: describeForm(noticeSchema)`). A field built without the field
 * builders (or `describeField`) is described by its name only, so a missing label shows.
 */
export function describeForm<S extends z.ZodObject>(
	schema: S
): Record<keyof S['shape'] & string, FieldSpec> {
	const fields: FormSpec = {};
	for (const [name, fieldSchema] of Object.entries(schema.shape)) {
		const meta = fieldMetaOf(fieldSchema as z.ZodType) ?? { label: () => name };
		fields[name] = specOf(name, meta);
	}
	return fields as Record<keyof S['shape'] & string, FieldSpec>;
}

/** Fields sent once per ticked box (checkbox groups): parseFormData passes them all. */
export function multipleFields(schema: z.ZodType): Set<string> {
	const keys = new Set<string>();
	if (schema instanceof z.ZodObject) {
		for (const [name, fieldSchema] of Object.entries(schema.shape)) {
			if (fieldMetaOf(fieldSchema as z.ZodType)?.multiple) keys.add(name);
		}
	}
	return keys;
}
