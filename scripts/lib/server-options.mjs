// Node options for the server process, shared by `npm start` and `npm run bench`.
/** Command-line flags for `node` in front of build/index.js. */
export function serverNodeOptions() {
	return [];
}
