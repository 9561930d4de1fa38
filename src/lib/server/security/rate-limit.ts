import ipaddr from 'ipaddr.js';

/**
 * A fixed-window counter per key (e.g. "contact:203.0.113.5"), kept in memory.
 *
 * Limits of an in-memory counter (see README, "Rate limits"): each app process counts on its
 * own, so with N instances behind a load balancer a client gets up to N times the limit, and a
 * restart forgets all counts. That is acceptable for slowing down form floods; what must hold
 * across instances (wrong passwords per address) is counted in the database instead.
 *
 * The map is bounded: when it is full, expired windows go first, then the least recently used
 * keys. It is never cleared as a whole, so a flood of fresh keys cannot reset a busy client.
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
	if (entry) windows.delete(key); // re-inserted below: Map order is then least recently used first
	if (!entry || entry.resetAt <= now) entry = { count: 0, resetAt: now + windowMs };
	if (windows.size >= MAX_KEYS) makeRoom(now);
	windows.set(key, entry);
	entry.count += 1;
	return {
		ok: entry.count <= limit,
		retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - now) / 1000))
	};
}

function makeRoom(now: number) {
	for (const [key, entry] of windows) if (entry.resetAt <= now) windows.delete(key);
	// Still full: drop the least recently used tenth in one go, so this runs rarely.
	if (windows.size >= MAX_KEYS) {
		let drop = Math.ceil(MAX_KEYS / 10);
		for (const key of windows.keys()) {
			if (drop-- <= 0) break;
			windows.delete(key);
		}
	}
}

export function resetRateLimits() {
	windows.clear();
}

/**
 * The key for one client: an IPv4 address as it is, an IPv6 address by its /64 network (one
 * household or server usually gets a whole /64 and can pick any address in it), and an
 * IPv4-mapped IPv6 address ("::ffff:203.0.113.5", how dual-stack sockets report IPv4) as IPv4.
 */
export function clientKey(address: string): string {
	let parsed: ipaddr.IPv4 | ipaddr.IPv6;
	try {
		parsed = ipaddr.process(address.replace(/%.*$/, ''));
	} catch {
		return address;
	}
	if (parsed.kind() === 'ipv4') return parsed.toString();
	const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).concat([0, 0, 0, 0]);
	return `${new ipaddr.IPv6(parts).toString()}/64`;
}
