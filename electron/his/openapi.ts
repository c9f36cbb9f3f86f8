// The OpenAPI 3 document of the HIS API: served at GET /his/v1/openapi.json and written to
// docs/his-openapi.json (`npm run --silent cli -- his-openapi --out docs/his-openapi.json`).
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { exampleVisit } from './demo/visits';
import { ID_PATTERN, feeLineSchema, visitSchema } from './visit-schema';

/** An OpenAPI 3.0 schema of a valibot schema; lines refer to the FeeLine component. */
function fromSchema(schema: v.GenericSchema): object {
  const json = toJsonSchema(schema, { errorMode: 'ignore', target: 'openapi-3.0', definitions: schema === feeLineSchema ? {} : { FeeLine: feeLineSchema } });
  const { $defs: _defs, $schema: _schema, ...rest } = json as Record<string, unknown>;
  return tidy(rest) as object;
}

/** Refs to components; no match-anything patterns or empty descriptions (the text checks add them). */
function tidy(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(tidy);
  if (!x || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(x)) {
    if (k === 'pattern' && val === '^[\\s\\S]*$') continue;
    if (k === 'description' && val === '') continue;
    out[k] = k === '$ref' && typeof val === 'string' ? val.replace('#/$defs/', '#/components/schemas/') : tidy(val);
  }
  return out;
}
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const schemas = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'field'],
        properties: {
          code: { type: 'string', description: 'stable code: UNAUTHORIZED, BAD_JSON, MISSING_FIELD, WRONG_TYPE, UNKNOWN_FIELD, INVALID_FORMAT, INVALID_NUMBER, NEGATIVE, TOO_MANY_DECIMALS, OUT_OF_RANGE, AMOUNT_MISMATCH, INVALID_DATE, INVALID_TEXT, TOO_LONG, TOO_MANY_ITEMS, DUPLICATE_LINE, INVALID_ID_NUMBER, INVALID_VALUE, BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, VISIT_SETTLED, VISIT_CANCELLED, VISIT_NOT_FOUND, RATE_LIMITED, NOT_FOUND, METHOD_NOT_ALLOWED' },
          message: { type: 'string', description: 'Chinese, for the HIS user; starts with the field path' },
          field: { type: 'string', description: 'JSON path of the offending field, e.g. lines[3].amount; body, Authorization or url otherwise' },
          detail: { type: 'string', description: 'English detail for logs' },
        },
      },
    },
  },
  // The visit body and its lines: generated from the schema that checks them (visit-schema.ts).
  FeeLine: fromSchema(feeLineSchema),
  Visit: fromSchema(visitSchema),
  Accepted: {
    type: 'object',
    properties: {
      hisVisitId: { type: 'string' },
      result: { type: 'string', enum: ['created', 'unchanged', 'replaced'] },
      state: { $ref: '#/components/schemas/State' },
      revision: { type: 'integer', description: 'increases each time the HIS replaces the lines' },
      lineCount: { type: 'integer' },
      unmappedItems: { type: 'array', description: 'items without a catalog mapping: the visit cannot be settled until a technician maps them', items: { type: 'object', properties: { itemCode: { type: 'string' }, itemName: { type: 'string' } } } },
    },
  },
  State: { type: 'string', enum: ['waiting', 'pre-settled', 'settled', 'cancelled'] },
  VisitStatus: {
    type: 'object',
    required: ['hisVisitId', 'state', 'revision', 'total'],
    properties: {
      event: { type: 'string', enum: ['settled', 'cancelled'], description: 'only in callbacks' },
      hisVisitId: { type: 'string' },
      state: { $ref: '#/components/schemas/State' },
      revision: { type: 'integer' },
      total: { type: 'string', description: 'total of the lines, yuan' },
      receivedAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      cancelRequested: { type: 'boolean' },
      settlement: {
        type: 'object',
        description: 'present once settled',
        properties: {
          settlementId: { type: 'string' },
          receiptNo: { type: 'string' },
          layers: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' }, amount: { type: 'string' } } } },
          cash: { type: 'string', description: 'cash paid by the patient, yuan' },
          settledAt: { type: 'string', format: 'date-time' },
        },
      },
      cancellation: { type: 'object', properties: { cancelledAt: { type: 'string', format: 'date-time' }, reason: { type: 'string' }, cancellationId: { type: 'string' } } },
    },
  },
};

const visitIdParam = { name: 'hisVisitId', in: 'path', required: true, schema: { type: 'string', pattern: ID_PATTERN.source } };
const common401 = { 401: errorResponse('missing, malformed or wrong token (checked before anything else)'), 429: errorResponse('rate limit (far above what one HIS sends)') };

export function hisOpenApi() {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Settlement window: HIS bridge API',
      version: '1.0.0',
      description:
        'Local API through which the HIS hands visits and fee lines to the one-stop settlement window and reads results back. ' +
        'Listens on 127.0.0.1:5781 by default. Every request except this document needs `Authorization: Bearer TOKEN` (the token is shown in the window: 系统设置 → HIS 接口). ' +
        'Bodies are JSON, UTF-8 (or GBK/GB18030 with the charset in Content-Type), at most 2 MB. Amounts are yuan; decimal strings are preferred. ' +
        'Optional push: a callback URL set in the window receives POST bodies of schema VisitStatus (with `event`) when a visit is settled or cancelled, retried until it answers 2xx.',
    },
    servers: [{ url: 'http://127.0.0.1:5781' }],
    security: [{ bearer: [] }],
    paths: {
      '/his/v1/visits': {
        post: {
          summary: 'Send a visit with its fee lines (idempotent on hisVisitId)',
          description: 'The same body again is a no-op (200, result unchanged). A changed body before settlement replaces the lines (200, result replaced; a pre-settlement is undone). After settlement: 409 VISIT_SETTLED; after cancellation: 409 VISIT_CANCELLED.',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Visit' }, example: exampleVisit() } } },
          responses: {
            201: { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } } },
            200: { description: 'unchanged or replaced', content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } } },
            400: errorResponse('invalid body; `field` names the offending JSON path'),
            409: errorResponse('the visit is settled or cancelled'),
            413: errorResponse('body too large'),
            415: errorResponse('not application/json, or an unsupported charset'),
            ...common401,
          },
        },
      },
      '/his/v1/visits/{hisVisitId}': {
        get: {
          summary: 'State of a visit and, when settled, every layer, cash, settlement id and receipt number',
          parameters: [visitIdParam],
          responses: { 200: { description: 'the visit', content: { 'application/json': { schema: { $ref: '#/components/schemas/VisitStatus' } } } }, 404: errorResponse('no such visit'), 400: errorResponse('bad visit id'), ...common401 },
        },
      },
      '/his/v1/visits/{hisVisitId}/cancel': {
        post: {
          summary: 'Ask for a cancellation (the cashier confirms it at the window)',
          parameters: [visitIdParam],
          requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 200 } } }, example: { reason: '患者要求退费' } } } },
          responses: {
            202: { description: 'cancellation requested', content: { 'application/json': { schema: { type: 'object', properties: { hisVisitId: { type: 'string' }, state: { $ref: '#/components/schemas/State' }, cancelRequested: { type: 'boolean' } } } } } },
            404: errorResponse('no such visit'),
            400: errorResponse('bad body or visit id'),
            ...common401,
          },
        },
      },
      '/his/v1/ping': { get: { summary: 'Checks the address and the token', responses: { 200: { description: 'ok' }, ...common401 } } },
      '/his/v1/openapi.json': { get: { summary: 'This document (no token needed)', security: [], responses: { 200: { description: 'OpenAPI 3 document' } } } },
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
  };
}
