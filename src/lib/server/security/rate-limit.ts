/**
 * A fixed-window counter per key (e.g. "contact:203.0.113.5"), kept in memory: the app runs as
 * one process, and losing the counters on restart is harmless.
 */
const windows = new Map<string, { count: number; resetAt: number }>();
const MAX_KEYS = 50_000;

export interface RateLimitResult {
	ok: boolean;
	retryAfterSeconds: number;
}

export function hitRateLimit(
	key: string,
	limit: number,
	windowMs = 60_000,
	now = Date.now()
): RateLimitResult {
	let entry = windows.get(key);
	if (!entry || entry.resetAt <= now) {
		if (windows.size >= MAX_KEYS) pruneExpired(now);
		entry = { count: 0, resetAt: now + windowMs };
		windows.set(key, entry);
	}
	entry.count += 1;
	return {
		ok: entry.count <= limit,
		retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000))
	};
}

function pruneExpired(now: number) {
	for (const [key, entry] of windows) if (entry.resetAt <= now) windows.delete(key);
	if (windows.size >= MAX_KEYS) windows.clear();
}

export function resetRateLimits() {
	windows.clear();
}
