/**
 * Fields an audit entry never keeps and a record's history never shows: password hashes, tokens
 * and other secrets. Matched by name, so a later `resetTokenHash` or `smtpPassword` is covered
 * without anyone remembering to list it.
 */
const SECRET_NAME = /passw|token|secret|hash/i;

export function isSecretField(name: string): boolean {
	return SECRET_NAME.test(name);
}

/** The fields without the secret ones (undefined and null pass through). */
export function withoutSecrets<T extends Record<string, unknown> | null | undefined>(fields: T): T {
	if (!fields) return fields;
	return Object.fromEntries(Object.entries(fields).filter(([name]) => !isSecretField(name))) as T;
}
