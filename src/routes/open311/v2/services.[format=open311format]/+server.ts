import { services } from '$lib/server/open311/open311-endpoints';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => services(event, event.params.format);
