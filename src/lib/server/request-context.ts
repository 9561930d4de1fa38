import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request a piece of server code runs for, without passing it through every call: the
 * request id that the response header, the log lines and the audit entries of one request share.
 * Set once per request in hooks.server.ts; outside a request (CLI, start-up) there is none.
 */
interface RequestContext {
	requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

// A proxy's id (nginx $request_id, a UUID) is kept so its logs and ours match; anything longer
// or with other characters could smuggle text into logs and is replaced.
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The incoming X-Request-Id if it is a short safe token, else a new random id. */
export function requestIdFrom(incoming: string | null | undefined): string {
	return incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

export function runInRequest<T>(requestId: string, fn: () => T): T {
	return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | null {
	return storage.getStore()?.requestId ?? null;
}

/** Fields for every log line (pino `mixin`): the request id while a request is handled. */
export function requestLogFields(): { requestId?: string } {
	const requestId = currentRequestId();
	return requestId ? { requestId } : {};
}
