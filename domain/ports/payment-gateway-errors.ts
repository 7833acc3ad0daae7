/**
 * How a call to the payment gateway fails, in three kinds the domain acts
 * on differently:
 * - PaymentGatewayRefusal: the provider refused the request itself (a bad
 *   parameter, an object in a state that does not allow it: more than is
 *   left to refund, a session no longer open); asking again gets the same
 *   answer.
 * - PaymentObjectMissing, a refusal: the object named does not exist there
 *   (a forged or mistyped id in an event is an answer too).
 * - PaymentGatewayError otherwise: the provider down or slow, the network, a
 *   key being rotated, a rate limit; worth retrying with the same key.
 * The adapter maps its provider's errors onto these; anything else it lets
 * through (a bug of ours is no provider failure).
 */
export class PaymentGatewayError extends Error {
  readonly provider: string;
  /** The provider's name for the failure (`api_error`, `invalid_request_error`, ...). */
  readonly type: string;
  readonly statusCode: number | null;
  /** The provider's code (`resource_missing`, `parameter_missing`, ...). */
  readonly code: string | null;

  constructor(message: string, details: { provider: string; type: string; statusCode?: number | null; code?: string | null }, cause?: unknown) {
    super(message, { cause });
    this.name = new.target.name;
    this.provider = details.provider;
    this.type = details.type;
    this.statusCode = details.statusCode ?? null;
    this.code = details.code ?? null;
  }
}

export class PaymentGatewayRefusal extends PaymentGatewayError {}

export class PaymentObjectMissing extends PaymentGatewayRefusal {}

/** A posted event whose signature does not check out (forged, another endpoint's secret, too old): nothing in it is believed. */
export class PaymentEventUnverified extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentEventUnverified';
  }
}

/** A short, loggable description of what a call to the gateway failed with. */
export function describeStripeError(error: unknown): string {
  if (error instanceof PaymentGatewayError) {
    return `${error.provider} ${error.type}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
