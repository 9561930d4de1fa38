import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { concernCounters } from '../db/schema';
import { toLocalDate } from '../time';

const PREFIX = 'KAS';

/**
 * The next reference number of the year (local calendar year), `KAS-2026-0042`. One upsert with
 * RETURNING in the caller's transaction: concurrent submitters queue on the counter row, so no
 * number is given twice, and a rolled-back submission takes its number back with it.
 */
export async function nextConcernReference(tx: Tx, at: Date): Promise<string> {
	const year = Number(toLocalDate(at).slice(0, 4));
	const [row] = await tx
		.insert(concernCounters)
		.values({ year, last: 1 })
		.onConflictDoUpdate({
			target: concernCounters.year,
			set: { last: sql`${concernCounters.last} + 1` }
		})
		.returning({ last: concernCounters.last });
	return formatReference(year, row.last);
}

export function formatReference(year: number, n: number): string {
	return `${PREFIX}-${year}-${String(n).padStart(4, '0')}`;
}

/** A reference as typed or linked, normalised (`kas-2026-42` → `KAS-2026-0042`); null if not one. */
export function parseReference(input: string): string | null {
	const match = /^KAS-(\d{4})-(\d{1,9})$/i.exec(input.trim());
	if (!match) return null;
	const n = Number(match[2]);
	return n >= 1 ? formatReference(Number(match[1]), n) : null;
}
