// The OpenAPI 3 document of the HIS API: served at GET /his/v1/openapi.json and written to
// docs/his-openapi.json (`npm run --silent cli -- his-openapi --out docs/his-openapi.json`).
import { exampleVisit } from './demo/visits';
import { CHARGE_CATEGORIES, VISIT_TYPES } from './types';
import { MAX_LINES } from './visit-validate';

const decimalText = (description: string, decimals: number) => ({
  oneOf: [{ type: 'string', pattern: `^(0|[1-9]\\d*)(\\.\\d{1,${decimals}})?$` }, { type: 'number', minimum: 0 }],
  description: `${description}; non-negative, at most ${decimals} decimals; a decimal string such as "12.50" is preferred`,
});

const str = (maxLength: number, description: string, extra: object = {}) => ({ type: 'string', maxLength, description, ...extra });
const codeName = (what: string) => ({
  oneOf: [
    str(100, `${what} name`),
    { type: 'object', additionalProperties: false, required: ['name'], properties: { code: str(64, `${what} code in the HIS`), name: str(100, `${what} name`) } },
  ],
});
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
  FeeLine: {
    type: 'object',
    additionalProperties: false,
    required: ['itemCode', 'itemName', 'quantity', 'unitPrice', 'amount', 'time'],
    properties: {
      lineNo: str(64, 'line number in the HIS (feedetl_sn), unique within the visit'),
      itemCode: str(64, 'HIS item code (mapped to the national catalog at the window)'),
      itemName: str(200, 'HIS item name'),
      quantity: decimalText('quantity', 4),
      unitPrice: decimalText('unit price in yuan', 4),
      amount: decimalText('amount in yuan; must equal quantity x unitPrice rounded half-up to the fen', 2),
      time: str(40, 'when the item was given: "YYYY-MM-DD HH:mm:ss" or ISO 8601'),
      category: { type: 'string', enum: Object.keys(CHARGE_CATEGORIES), description: `charge category (med_chrgitm_type): ${Object.entries(CHARGE_CATEGORIES).map(([k, v]) => `${k} ${v}`).join(', ')}; the catalog mapping wins` },
      unit: str(20, 'unit, e.g. 片'),
      specification: str(100, 'specification, e.g. 5mg*28'),
    },
  },
  Visit: {
    type: 'object',
    additionalProperties: false,
    required: ['hisVisitId', 'visitType', 'patient', 'department', 'doctor', 'diagnoses', 'lines'],
    properties: {
      hisVisitId: str(64, 'the HIS visit id (outpatient or inpatient number); idempotency key', { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }),
      visitType: { type: 'string', enum: VISIT_TYPES, description: 'outpatient, chronicOutpatient (门诊慢特病) or inpatient' },
      patient: {
        type: 'object',
        additionalProperties: false,
        description: 'identity hints matched with the card read at the window; at least one of idNumber, cardNumber, name',
        properties: {
          idNumber: str(18, 'resident ID number (18 characters with a valid check digit, or 15 digits)'),
          name: str(50, 'name'),
          cardNumber: str(32, 'social security card number'),
          insuranceRegion: str(6, 'insurance region code (6 digits)', { pattern: '^\\d{6}$' }),
        },
      },
      department: codeName('department'),
      doctor: codeName('doctor'),
      diagnoses: {
        type: 'array', minItems: 1, maxItems: 20,
        items: { oneOf: [str(30, 'diagnosis code (ICD-10)'), { type: 'object', additionalProperties: false, required: ['code'], properties: { code: str(30, 'diagnosis code (ICD-10)'), name: str(100, 'diagnosis name') } }] },
      },
      visitTime: str(40, 'visit time'),
      admissionDate: { type: 'string', format: 'date', description: 'inpatient only (required there)' },
      dischargeDate: { type: 'string', format: 'date', description: 'inpatient only (required there)' },
      lines: { type: 'array', minItems: 1, maxItems: MAX_LINES, items: { $ref: '#/components/schemas/FeeLine' } },
      extra: { type: 'object', description: 'free-form HIS data kept with the visit (at most 4 KB)' },
    },
  },
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

const visitIdParam = { name: 'hisVisitId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } };
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
