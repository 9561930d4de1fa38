// Node options for the server process, shared by `npm start` and `npm run bench`.
// QUARTIER_NODE_FLAGS (space-separated; "none" for none) replaces the defaults, e.g. to measure.
/** Command-line flags for `node` in front of the server entry. */
export function serverNodeOptions(env = process.env) {
	if (env.QUARTIER_NODE_FLAGS !== undefined) {
		return env.QUARTIER_NODE_FLAGS === 'none'
			? []
			: env.QUARTIER_NODE_FLAGS.split(/\s+/).filter(Boolean);
	}
	// V8's young generation (3 × semi-space, 16 MiB each by default on 64-bit) and an old space
	// that grows until the machine pushes back are most of the server's memory beyond PGlite.
	// Measured with `npm run bench` (README, "Caching, compression and memory"): on PostgreSQL
	// 137 MiB peak without flags, 111 MiB with these, at no CPU cost we could measure; the JS heap
	// in use stays far below the old-space limit.
	return ['--max-semi-space-size=4', '--max-old-space-size=128'];
}
