import { createRequest, requests } from '$lib/server/open311/open311-endpoints';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => requests(event, event.params.format);

/** Clients post without cookies: hooks.server.ts exempts this address from the CSRF check. */
export const POST: RequestHandler = (event) => createRequest(event, event.params.format);
