/**
 * Wrong passwords per client (see clientKey), in memory, against one client guessing many
 * passwords (progressive delays) or one password against many accounts ("password spraying":
 * a limit on the number of different addresses). Like the rate limits, each app instance
 * counts on its own; the per-address count that matters most is kept in the database.
 */
export interface ClientThrottlePolicy {
	/** Wrong passwords a client may make before delays start. */
	freeFailures: number;
	/** Different addresses a client may get wrong within the window. */
	maxAccounts: number;
	maxDelaySeconds: number;
}

interface ClientState {
	failures: number;
	lastFailureAt: number;
	delayedUntil: number;
	/** Address key → last wrong password at. */
	accounts: Map<string, number>;
}

const WINDOW_MS = 60 * 60 * 1000;
const FIRST_DELAY_MS = 15_000;
const MAX_CLIENTS = 20_000;
const clients = new Map<string, ClientState>();

/** Milliseconds until this client may try again (0: now). */
export function clientWaitMs(client: string, now: number): number {
	const state = clients.get(client);
	return state ? Math.max(0, state.delayedUntil - now) : 0;
}

export function recordClientFailure(
	client: string,
	accountKey: string,
	policy: ClientThrottlePolicy,
	now: number
): number {
	let state = clients.get(client);
	if (state) clients.delete(client);
	if (!state || now - state.lastFailureAt > WINDOW_MS)
		state = { failures: 0, lastFailureAt: now, delayedUntil: 0, accounts: new Map() };
	if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
	clients.set(client, state);

	state.failures += 1;
	state.lastFailureAt = now;
	state.accounts.delete(accountKey);
	state.accounts.set(accountKey, now);
	for (const [key, at] of state.accounts) {
		if (now - at <= WINDOW_MS) break;
		state.accounts.delete(key);
	}
	let delay = 0;
	if (state.failures >= policy.freeFailures) {
		const doublings = Math.min(30, state.failures - policy.freeFailures);
		delay = Math.min(policy.maxDelaySeconds * 1000, FIRST_DELAY_MS * 2 ** doublings);
	}
	// Spraying: too many different addresses. Wait until the oldest of them leaves the window
	// (at most the longest delay: then one guess per delay, as for a single address).
	if (state.accounts.size > policy.maxAccounts) {
		const oldest = state.accounts.values().next().value!;
		delay = Math.max(delay, Math.min(policy.maxDelaySeconds * 1000, oldest + WINDOW_MS - now));
	}
	state.delayedUntil = Math.max(state.delayedUntil, now + delay);
	return Math.max(0, state.delayedUntil - now);
}

export function resetClientThrottles() {
	clients.clear();
}
