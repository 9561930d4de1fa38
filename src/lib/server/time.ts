/**
 * The app's clock. Use cases and server code ask `now()` instead of calling `new Date()`, so that
 * tests can fix the time (`setClock`). Time-zone arithmetic lives here too (see the time helper's
 * work: the zone comes from configuration, default Europe/Berlin).
 */
export type Clock = () => Date;

const systemClock: Clock = () => new Date();
let clock: Clock = systemClock;

export function now(): Date {
	return clock();
}

/** For tests: a fixed instant or a clock function; call `resetClock()` afterwards. */
export function setClock(at: Date | Clock): void {
	clock = typeof at === 'function' ? at : () => new Date(at.getTime());
}

export function resetClock(): void {
	clock = systemClock;
}
