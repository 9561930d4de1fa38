import { token } from '$lib/server/open311/open311-endpoints';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => token(event, event.params.format, event.params.token);
