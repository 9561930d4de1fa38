import { request } from '$lib/server/open311/open311-endpoints';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => request(event, event.params.format, event.params.id);
