import { apiJson } from '$lib/server/api/json-api';
import { listRoomsForApi } from '$lib/server/rooms/rooms-api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => apiJson(await listRoomsForApi(locals.db));
