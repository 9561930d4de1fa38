import { and, desc, eq, gte, inArray, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { concerns } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { now } from '../time';

/** Concerns that may still be merged, or merged into (not closed). */
export const MERGEABLE_STATUSES = ['received', 'in_review', 'forwarded', 'in_progress'] as const;

/** How far apart two pins may be to count as the same place. */
export const NEAR_METRES = 150;
/** Only recent concerns are compared, and at most this many: the comparison runs in TypeScript. */
export const CANDIDATE_DAYS = 180;
export const CANDIDATE_LIMIT = 200;
export const SUGGESTION_LIMIT = 8;

export type MatchReason = 'near' | 'address' | 'text';

export interface MergeCandidate {
	id: number;
	reference: string;
	description: string;
	address: string;
	status: (typeof MERGEABLE_STATUSES)[number];
	visibility: 'public' | 'private';
	createdAt: Date;
	/** Whole metres between the two pins, when both have one. */
	distance: number | null;
	reasons: MatchReason[];
}

/**
 * Likely duplicates of concern `id`: open concerns of the same category from the last 180 days
 * whose pin is within 150 m, whose address reads the same, or whose text shares enough words.
 * The candidate set is bounded in SQL (category, status, date, 200 rows), the comparison is done
 * here, so it runs the same on PGlite and PostgreSQL without extensions. Best matches first.
 */
export async function findMergeCandidates(
	db: Db,
	{ actor, id }: { actor: Actor; id: number }
): Promise<MergeCandidate[]> {
	assertCan(actor, 'concerns.manage');
	const [self] = await db
		.select({
			categoryId: concerns.categoryId,
			description: concerns.description,
			address: concerns.address,
			latitude: concerns.latitude,
			longitude: concerns.longitude
		})
		.from(concerns)
		.where(eq(concerns.id, id));
	if (!self) throw new DomainError('NOT_FOUND');
	const since = new Date(now().getTime() - CANDIDATE_DAYS * 86_400_000);
	const rows = await db
		.select({
			id: concerns.id,
			reference: concerns.reference,
			description: concerns.description,
			address: concerns.address,
			status: concerns.status,
			visibility: concerns.visibility,
			latitude: concerns.latitude,
			longitude: concerns.longitude,
			createdAt: concerns.createdAt
		})
		.from(concerns)
		.where(
			and(
				eq(concerns.categoryId, self.categoryId),
				ne(concerns.id, id),
				inArray(concerns.status, [...MERGEABLE_STATUSES]),
				gte(concerns.createdAt, since)
			)
		)
		.orderBy(desc(concerns.createdAt), desc(concerns.id))
		.limit(CANDIDATE_LIMIT);

	const ownWords = significantWords(self.description);
	const ownAddress = normaliseAddress(self.address);
	const scored = rows.flatMap((row) => {
		const reasons: MatchReason[] = [];
		let distance: number | null = null;
		if (
			self.latitude !== null &&
			self.longitude !== null &&
			row.latitude !== null &&
			row.longitude !== null
		) {
			distance = Math.round(
				haversineMetres(self.latitude, self.longitude, row.latitude, row.longitude)
			);
			if (distance <= NEAR_METRES) reasons.push('near');
		}
		if (ownAddress && normaliseAddress(row.address) === ownAddress) reasons.push('address');
		const similarity = wordSimilarity(ownWords, significantWords(row.description));
		if (similarity >= TEXT_THRESHOLD) reasons.push('text');
		if (reasons.length === 0) return [];
		// The same spot weighs most (closer is better), then the same address, then the wording.
		const score =
			(reasons.includes('near') ? 3 - (distance ?? 0) / NEAR_METRES : 0) +
			(reasons.includes('address') ? 1.5 : 0) +
			similarity;
		const candidate: MergeCandidate = {
			id: row.id,
			reference: row.reference,
			description: row.description,
			address: row.address,
			status: row.status as MergeCandidate['status'],
			visibility: row.visibility,
			createdAt: row.createdAt,
			distance,
			reasons
		};
		return [{ candidate, score }];
	});
	return scored
		.sort((a, b) => b.score - a.score || b.candidate.id - a.candidate.id)
		.slice(0, SUGGESTION_LIMIT)
		.map((s) => s.candidate);
}

const EARTH_RADIUS_METRES = 6_371_000;

/** Great-circle distance; plenty exact for 150 m. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
	const rad = Math.PI / 180;
	const dLat = (lat2 - lat1) * rad;
	const dLon = (lon2 - lon1) * rad;
	const a =
		Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Share of the shorter text's words the other one has too (overlap coefficient). */
const TEXT_THRESHOLD = 0.5;
/** Fewer shared words than this are chance ("Straße", "kaputt"). */
const MIN_SHARED_WORDS = 2;

export function wordSimilarity(a: Set<string>, b: Set<string>): number {
	if (a.size === 0 || b.size === 0) return 0;
	let shared = 0;
	for (const word of a) if (b.has(word)) shared++;
	if (shared < MIN_SHARED_WORDS) return 0;
	return shared / Math.min(a.size, b.size);
}

/** Lower case, umlauts spelt out, ß → ss, so "Straße" and "strasse" meet. */
function fold(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/a\u0308/g, 'ae')
		.replace(/o\u0308/g, 'oe')
		.replace(/u\u0308/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/[\u0300-\u036f]/g, '');
}

/** Words that say nothing about the matter. */
const STOP_WORDS = new Set(
	(
		'aber alle allem allen aller alles als also am an auch auf aus bei beim bin bis bitte da ' +
		'damit dann das dass dem den denn der des dessen die dies diese diesem diesen dieser dieses ' +
		'doch dort du durch ein eine einem einen einer eines es etwa etwas euch euer fuer gegen ' +
		'gibt haben hat hatte hier hin ich ihr ihre im immer in ist ja jede jeden jeder jetzt kann ' +
		'kein keine koennen man mehr mein meine mir mit muss nach nicht noch nun nur ob oder ohne ' +
		'schon sehr sein seit seine sich sie sind so sollte ueber um und uns unser unsere unter ' +
		'viel vom von vor war waren was weil wenn wer werden wie wieder wir wird wo wurde zu zum ' +
		'zur zwei seitdem gestern heute morgen woche wochen tag tagen tage monat monaten geht ' +
		'gehen leider mal ganz sowie bereits ueberall'
	).split(' ')
);

/** Drops the commonest German endings, so "Laternen"/"Laterne" and "defekte"/"defekt" meet. */
function stem(word: string): string {
	for (const ending of ['ungen', 'en', 'er', 'es', 'em', 'e', 'n', 's']) {
		if (word.length - ending.length >= 4 && word.endsWith(ending)) {
			return word.slice(0, -ending.length);
		}
	}
	return word;
}

/** The words of a text that carry meaning, normalised for comparing. */
export function significantWords(text: string): Set<string> {
	const words = fold(text).split(/[^a-z0-9]+/);
	const result = new Set<string>();
	for (const word of words) {
		if (word.length < 3 || STOP_WORDS.has(word) || /^[0-9]+$/.test(word)) continue;
		result.add(stem(word));
	}
	return result;
}

/** "Lindenstr. 12" and "lindenstraße 12" read the same. */
export function normaliseAddress(address: string): string {
	return fold(address)
		.replace(/str\b\.?/g, 'strasse')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}
