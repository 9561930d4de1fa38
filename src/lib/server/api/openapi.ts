import { MAX_AVAILABILITY_DAYS } from '../rooms/rooms-api';

const error = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: { type: 'string', examples: ['INVALID', 'CONFLICT', 'NOT_FOUND', 'RATE_LIMITED'] },
				message: { type: 'string', description: 'For people, in the language of the request.' },
				fields: {
					type: 'object',
					additionalProperties: { type: 'string' },
					description: 'A message per property of the request body or query.'
				}
			}
		}
	}
} as const;

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
});

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument(origin: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Quartier API',
			version: '1',
			description:
				'Rooms of the neighbourhood house, when they are busy (without personal data), and booking requests. Errors are JSON with a message in the language of the request (Accept-Language or the site language). Public endpoints share the per-client rate limit RATE_LIMIT_PER_MINUTE.'
		},
		servers: [{ url: `${origin}/api/v1` }],
		paths: {
			'/rooms': {
				get: {
					summary: 'The rooms that can be requested',
					responses: {
						'200': {
							description: 'Active rooms in display order',
							content: {
								'application/json': {
									schema: { type: 'array', items: { $ref: '#/components/schemas/Room' } }
								}
							}
						}
					}
				}
			},
			'/rooms/{id}/availability': {
				get: {
					summary: 'When a room is busy',
					parameters: [
						{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
						{
							name: 'from',
							in: 'query',
							required: true,
							schema: { type: 'string', format: 'date' },
							description: 'First local day (YYYY-MM-DD).'
						},
						{
							name: 'to',
							in: 'query',
							required: true,
							schema: { type: 'string', format: 'date' },
							description: `Last local day, inclusive; at most ${MAX_AVAILABILITY_DAYS} days after from.`
						}
					],
					responses: {
						'200': {
							description:
								'Busy intervals, set-up time included, ISO 8601 with offset; no personal data.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['roomId', 'from', 'to', 'busy'],
										properties: {
											roomId: { type: 'integer' },
											from: { type: 'string', format: 'date' },
											to: { type: 'string', format: 'date' },
											busy: {
												type: 'array',
												items: {
													type: 'object',
													required: ['start', 'end'],
													properties: {
														start: { type: 'string', format: 'date-time' },
														end: { type: 'string', format: 'date-time' }
													}
												}
											}
										}
									}
								}
							}
						},
						'404': errorResponse('No such room'),
						'422': errorResponse('Invalid days'),
						'429': errorResponse('Too many requests; see Retry-After')
					}
				}
			},
			'/bookings': {
				post: {
					summary: 'Request a room for one time',
					requestBody: {
						required: true,
						content: {
							'application/json': { schema: { $ref: '#/components/schemas/BookingRequest' } }
						}
					},
					responses: {
						'201': {
							description:
								'Stored as pending; staff decide. The requester gets a confirmation e-mail with the status and cancel links.',
							content: {
								'application/json': {
									schema: {
										type: 'object',
										required: ['id', 'reference', 'status', 'statusUrl'],
										properties: {
											id: { type: 'integer' },
											reference: { type: 'string', examples: ['RAUM-2026-0042'] },
											status: { const: 'pending' },
											statusUrl: { type: 'string', format: 'uri' }
										}
									}
								}
							}
						},
						'409': errorResponse('The room is busy at that time; the message names it'),
						'415': errorResponse('The body is not application/json'),
						'422': errorResponse('Invalid input, with a message per field'),
						'429': errorResponse('Too many requests; see Retry-After')
					}
				}
			}
		},
		components: {
			schemas: {
				Error: error,
				Room: {
					type: 'object',
					required: ['id', 'slug', 'name', 'capacity'],
					properties: {
						id: { type: 'integer' },
						slug: { type: 'string' },
						name: { type: 'string' },
						description: { type: 'string' },
						capacity: { type: 'integer' },
						equipment: { type: 'string' },
						accessibility: {
							type: 'object',
							properties: {
								stepFree: { type: 'boolean' },
								accessibleToilet: { type: 'boolean' },
								hearingLoop: { type: 'boolean' }
							}
						},
						bufferMinutes: { type: 'integer' },
						minNoticeHours: { type: 'integer' },
						maxAdvanceDays: { type: 'integer' },
						maxDurationMinutes: { type: 'integer' }
					}
				},
				BookingRequest: {
					type: 'object',
					required: [
						'roomId',
						'start',
						'end',
						'purpose',
						'attendees',
						'name',
						'email',
						'acceptTerms'
					],
					properties: {
						roomId: { type: 'integer' },
						start: { type: 'string', format: 'date-time', description: 'With offset.' },
						end: { type: 'string', format: 'date-time', description: 'With offset.' },
						purpose: { type: 'string', maxLength: 500 },
						attendees: { type: 'integer', minimum: 1, maximum: 10000 },
						name: { type: 'string', maxLength: 100 },
						email: { type: 'string', format: 'email' },
						phone: { type: 'string', maxLength: 40 },
						organisation: { type: 'string', maxLength: 120 },
						showOrganisation: {
							type: 'boolean',
							description: 'Show the organisation in the public plan once approved.'
						},
						acceptTerms: { const: true, description: 'The room’s house rules are accepted.' }
					}
				}
			}
		}
	};
}
