// The error taxonomy the forwarder relies on. Every failure of a network call is exactly one of:
//
//   NotSentError          the request certainly never reached the network (connection refused,
//                         DNS failure, connect timeout, TLS handshake failure): nothing happened
//                         there. Resend with the SAME msgid.
//   UnknownOutcomeError   the request may have reached the network (timeout or connection drop
//                         after the connection was up and the body was being written): the
//                         network may or may not have applied it. Resolve first (5203 query or
//                         2601 reversal), then redo the business step with a NEW msgid.
//   BusinessRejectedError the network answered infcode != 0: it refused, nothing applied.
//                         Not retried: dead letter with the network's err_msg.
//   GatewayRefusalError   (a BusinessRejectedError) a gateway or relay in front of the platform
//                         answered outside the envelope ({code, message}): an answer with its
//                         words, not "offline".
//   BadResponseError      an answer came but could not be used (HTTP status not 2xx, not JSON,
//                         a required field missing or malformed): treat as unknown outcome.
//
// `retryAs(err)` says what the forwarder should do with any thrown value.

export type NetworkErrorKind = 'notSent' | 'unknownOutcome' | 'rejected' | 'badResponse';

export abstract class NetworkError extends Error {
  abstract readonly kind: NetworkErrorKind;
  constructor(
    readonly infno: string,
    readonly msgid: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export class NotSentError extends NetworkError {
  readonly kind = 'notSent' as const;
  /** `message` replaces the usual Chinese text where the reason is known better (a failed sign-in). */
  constructor(infno: string, msgid: string, detail: string, override readonly cause?: unknown, message = '医保网络连接失败，请求未发出') {
    super(infno, msgid, message, detail);
    this.name = 'NotSentError';
  }
}

export class UnknownOutcomeError extends NetworkError {
  readonly kind = 'unknownOutcome' as const;
  constructor(infno: string, msgid: string, detail: string, override readonly cause?: unknown) {
    super(infno, msgid, '医保网络无应答，交易结果未知', detail);
    this.name = 'UnknownOutcomeError';
  }
}

export class BusinessRejectedError extends NetworkError {
  readonly kind = 'rejected' as const;
  constructor(
    infno: string,
    msgid: string,
    /** The network's infcode as sent (number or string). */
    readonly infcode: string,
    /** The network's own message (err_msg), shown to the user as is. */
    readonly errMsg: string,
    readonly warnMsg?: string,
  ) {
    super(infno, msgid, errMsg || `医保网络拒绝了交易（infcode ${infcode}）`, `infno ${infno} rejected: infcode ${infcode} ${errMsg}`);
    this.name = 'BusinessRejectedError';
  }
}

/** A gateway's or relay's own answer outside the envelope (NETWORK-SPEC §1.8): a refusal with its words. */
export class GatewayRefusalError extends BusinessRejectedError {
  constructor(infno: string, msgid: string, readonly gatewayCode: string, message: string, readonly httpStatus?: number) {
    super(infno, msgid, `gateway:${gatewayCode}`, message);
    this.name = 'GatewayRefusalError';
  }
}

export class BadResponseError extends NetworkError {
  readonly kind = 'badResponse' as const;
  constructor(
    infno: string,
    msgid: string,
    detail: string,
    /** HTTP status when the answer was not 2xx. */
    readonly httpStatus?: number,
    /** The first characters of the body (masked). */
    readonly bodySample?: string,
  ) {
    super(infno, msgid, '医保网络应答无法解析，交易结果未知', detail);
    this.name = 'BadResponseError';
  }
}

/** What to do after a failure: resend same msgid / resolve then redo with new msgid / dead letter. */
export type RetryAdvice = 'resendSameMsgid' | 'resolveThenRedo' | 'deadLetter';

export function retryAs(err: unknown): RetryAdvice {
  if (err instanceof NotSentError) return 'resendSameMsgid';
  if (err instanceof BusinessRejectedError) return 'deadLetter';
  // UnknownOutcomeError, BadResponseError and anything unexpected: the outcome is not known.
  return 'resolveThenRedo';
}

export function isNetworkError(err: unknown): err is NetworkError {
  return err instanceof NetworkError;
}

/** Short Chinese words for what happened to a request, for messages that quote another failure. */
export function outcomeWords(err: unknown): string {
  if (err instanceof BusinessRejectedError) return `被拒绝：${err.errMsg || `infcode ${err.infcode}`}`;
  if (!(err instanceof NetworkError)) return '内部错误';
  return { notSent: '连接失败', unknownOutcome: '无应答', rejected: '拒绝', badResponse: '应答异常' }[err.kind];
}
