import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** A SQL string literal; the values come from our own constant lists, never from input. */
function literal(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

/**
 * `column IN ('a', 'b')` for a CHECK constraint, built from the TypeScript list that the column's
 * type comes from, so the database and the code allow the same states. Inlined rather than
 * bound: a constraint cannot have parameters.
 */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
	return sql`${column} in (${sql.raw(values.map(literal).join(', '))})`;
}

/** `column <@ ARRAY['a', 'b']::text[]`: every element of a text array is in the list. */
export function allOf(column: AnyPgColumn, values: readonly string[]): SQL {
	return sql`${column} <@ ARRAY[${sql.raw(values.map(literal).join(', '))}]::text[]`;
}
