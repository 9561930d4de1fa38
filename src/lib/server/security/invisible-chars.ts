/**
 * Characters that are invisible but change how text reads. "RTL \u202Egnp.exe" is shown as
 * "RTL exe.png": the bidi override reverses what follows. Single-line fields (names, subjects)
 * refuse the bidi controls; where staff read stored text that may hold them (message bodies,
 * older records), they are shown as ⟨U+202E⟩.
 */

/** Bidi embeddings, overrides, isolates and marks (U+061C, U+200E/F, U+202A–E, U+2066–9). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

// The bidi controls, zero-width space, word joiner and byte order mark. Zero-width (non-)joiners
// stay: emoji sequences and several scripts need them.
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

export function hasBidiControls(text: string): boolean {
	return BIDI_CONTROLS.test(text);
}

export function revealInvisible(text: string): string {
	return text.replace(
		INVISIBLE,
		(c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`
	);
}

/** The same record with every string field revealed (for back-office views). */
export function revealInvisibleIn<T extends Record<string, unknown>>(record: T): T {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record))
		out[key] = typeof value === 'string' ? revealInvisible(value) : value;
	return out as T;
}
