/**
 * The fields an update changed, as the `before`/`after` pair of an audit entry. Dates compare by
 * instant and arrays by content, so saving a form unchanged records no changed fields.
 */
export function changes<T extends Record<string, unknown>>(
	before: Partial<T>,
	after: Partial<T>
): { before: Record<string, unknown>; after: Record<string, unknown> } {
	const was: Record<string, unknown> = {};
	const now: Record<string, unknown> = {};
	for (const key of Object.keys(after)) {
		if (same(before[key], after[key])) continue;
		was[key] = before[key] ?? null;
		now[key] = after[key] ?? null;
	}
	return { before: was, after: now };
}

function same(a: unknown, b: unknown): boolean {
	if (a instanceof Date || b instanceof Date) {
		return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
	}
	if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
	return a === b || (a == null && b == null);
}
