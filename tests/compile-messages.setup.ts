import { execFileSync } from 'node:child_process';

/** Vitest global setup: compile the messages in a child process (the compiler keeps handles open). */
export default function setup() {
	execFileSync(process.execPath, ['scripts/compile-messages.mjs'], { stdio: 'inherit' });
}
