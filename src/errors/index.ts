/**
 * Every error botojs raises extends BotojsError, one class per failure (as ky does), so callers
 * can `instanceof` or read `err.name`. Messages never contain secrets.
 */
import type { ParsedResponse } from '../types/http';

export class BotojsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An error response from the service (HTTP status >= 300 with an error body). */
export class ClientError extends BotojsError {
  readonly response: ParsedResponse & { Error: { Code: string; Message: string | null } };
  readonly operationName: string;

  constructor(response: ParsedResponse & { Error: { Code: string; Message: string | null } }, operationName: string) {
    const err = response.Error;
    const retries = response.ResponseMetadata?.RetryAttempts;
    const suffix = retries ? ` (reached max retries: ${retries})` : '';
    super(`An error occurred (${err.Code})${suffix} when calling the ${operationName} operation: ${err.Message ?? ''}`);
    this.response = response;
    this.operationName = operationName;
  }

  /** The service's error code, e.g. `NoSuchKey`. */
  get code(): string {
    return this.response.Error.Code;
  }

  get statusCode(): number {
    return this.response.ResponseMetadata.HTTPStatusCode;
  }

  /** null when the body's request id element was empty (botocore's None). */
  get requestId(): string | null | undefined {
    return this.response.ResponseMetadata.RequestId;
  }
}

const kFromEventStream = Symbol('botojs.fromEventStream');

/**
 * An event stream ended with an error or exception message (botocore's EventStreamError, a
 * ClientError). A `:message-type: error` message is thrown as this class. A modeled exception
 * event is thrown as the client's exception class for its shape (`client.exceptions.X`), so it
 * can be caught by type; such an error is marked as coming from an event stream, and
 * `err instanceof EventStreamError` is true for it too, as `except EventStreamError` catches
 * every stream failure in boto3.
 */
export class EventStreamError extends ClientError {
  constructor(response: ParsedResponse & { Error: { Code: string; Message: string | null } }, operationName: string) {
    super(response, operationName);
    EventStreamError.mark(this);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [kFromEventStream]?: boolean })[kFromEventStream] === true;
  }

  /** Marks a ClientError as raised by an event stream: `instanceof EventStreamError` is then true for it. */
  static mark<E extends ClientError>(err: E): E {
    Object.defineProperty(err, kFromEventStream, { value: true });
    return err;
  }
}

// Problem lines a ParamValidationError's message lists; `problems` keeps every one. The
// validator's own report is at most 50 lines plus its "... and N more" line: that one more line
// is shown too, so its count is not replaced by a second, smaller one.
const LISTED_PROBLEMS = 50;

/** Parameter validation failed; `problems` lists every problem, and nothing was sent. */
export class ParamValidationError extends BotojsError {
  constructor(readonly problems: string[]) {
    const listed = problems.length > LISTED_PROBLEMS + 1 ? [...problems.slice(0, LISTED_PROBLEMS), `... and ${problems.length - LISTED_PROBLEMS} more problem(s) in err.problems`] : problems;
    super(`Parameter validation failed:\n${listed.join('\n')}`);
  }
}

/**
 * A request header Node's HTTP stack would refuse (CR/LF or a character outside Latin-1 in a
 * value, a name that is not a token); found before signing, so nothing was sent. `headers`
 * names the offending headers; each problem line names the parameter a header came from.
 */
export class InvalidHeaderError extends ParamValidationError {
  constructor(problems: string[], readonly headers: string[]) {
    super(problems);
  }
}

/**
 * An argument of generatePresignedUrl / generatePresignedPost (not of the operation) is wrong:
 * an ExpiresIn SigV4 cannot carry, an HTTP method that is not a token, an unknown option, ...
 * Nothing was signed.
 */
export class InvalidPresignArgumentError extends ParamValidationError {}

/**
 * A parameter and its alias (botocore's ParameterAlias: EC2's `Filters` for `Filter`, ...) were
 * both given; nothing was sent. botocore's AliasConflictParameterError, with its message.
 */
export class AliasConflictParameterError extends BotojsError {
  constructor(readonly original: string, readonly alias: string, readonly operation: string) {
    super(`Parameter '${original}' and its alias '${alias}' were provided for operation ${operation}.  Only one of them may be used.`);
  }
}

export class NoCredentialsError extends BotojsError {
  constructor(message = 'Unable to locate credentials') {
    super(message);
  }
}

export class NoRegionError extends BotojsError {
  constructor(message = 'You must specify a region.') {
    super(message);
  }
}

/**
 * A region name that is not a host label (botocore's InvalidRegionError), such as one a server
 * named in `x-amz-bucket-region`. `regionName` holds it whole; the message quotes an excerpt.
 */
export class InvalidRegionError extends BotojsError {
  constructor(message: string, readonly regionName: string) {
    super(message);
  }
}

export class UnknownServiceError extends BotojsError {
  constructor(readonly serviceName: string, readonly closeMatches: string[] = []) {
    const hint = closeMatches.length ? ` Did you mean: ${closeMatches.map((m) => `'${m}'`).join(', ')}?` : '';
    super(`Unknown service: '${serviceName}'.${hint}`);
  }
}

/** An operation the model has but botojs cannot call (botocore removes its method), with why. */
export class UnsupportedOperationError extends BotojsError {
  constructor(readonly serviceName: string, readonly operationName: string, reason: string) {
    super(`'${serviceName}' operation ${operationName} is not supported: ${reason}`);
  }
}

/**
 * A client cannot speak to a service in any protocol it has, or not in the one Config asked for
 * (botocore's UnsupportedServiceProtocolsError covers the first).
 */
export class UnsupportedServiceProtocolsError extends BotojsError {
  constructor(message: string, readonly serviceProtocols: readonly string[]) {
    super(message);
  }
}

export class DataNotFoundError extends BotojsError {}
export class ProfileNotFound extends BotojsError {
  constructor(readonly profile: string, detail = '') {
    super(`The config profile (${profile}) could not be found${detail ? `: ${detail}` : ''}`);
  }
}
export class ConfigParseError extends BotojsError {}
/** A defaults mode (Config defaultsMode, AWS_DEFAULTS_MODE, the profile's defaults_mode) that is not one of the known modes. */
export class InvalidDefaultsMode extends BotojsError {
  constructor(readonly mode: string, readonly validModes: string[]) {
    super(`Client configured with invalid defaults mode: ${mode}. Valid defaults modes include: ${validModes.join(', ')}.`);
  }
}
export class PartialCredentialsError extends BotojsError {}

/** No endpoint could be resolved (rule set error rule, bad endpoint_url, ...). */
export class EndpointResolutionError extends BotojsError {}

/**
 * A resolved endpoint or request URL no HTTP client could send to (botocore's "Invalid
 * endpoint"): not a URL, or a hostname with a label WHATWG URL parsing refuses (a character
 * hostnames cannot hold, an `xn--` label that is not valid punycode). `hostLabel` is that label
 * when one was found. A label that came from a parameter is reported as a ParamValidationError.
 */
export class InvalidEndpointError extends EndpointResolutionError {
  constructor(message: string, readonly url: string, readonly hostLabel?: string) {
    super(message);
  }
}

// Transport failures. Each keeps the underlying error as `cause`.
export class HTTPClientError extends BotojsError {
  /**
   * True when the request's body was a stream and not a byte of it had been read when the
   * request failed: the stream is as it was given, and may be sent again (the call's retries do).
   */
  declare requestBodyUnsent?: boolean;

  constructor(message: string, readonly endpointUrl?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
export class EndpointConnectionError extends HTTPClientError {}
export class ConnectTimeoutError extends EndpointConnectionError {}
export class ReadTimeoutError extends HTTPClientError {}
export class ConnectionClosedError extends HTTPClientError {}

/**
 * The caller's AbortSignal fired (`{ abortSignal }` on an operation, paginator, waiter,
 * collection or transfer). `name` is 'AbortError', as for fetch; `cause` is the signal's reason.
 */
export class AbortError extends BotojsError {
  constructor(message = 'The operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A call on a client (or transport) after `close()`. */
export class ClientClosedError extends BotojsError {
  constructor(message = 'The client was closed: create a new client to make more calls') {
    super(message);
  }
}

export class ChecksumError extends BotojsError {}
export class ResponseStreamingError extends BotojsError {}
/** No signer for this signature version and signing type (botocore: SigV2 cannot presign a URL). */
export class UnsupportedSignatureVersionError extends BotojsError {}
/** A Stubber got a call it did not expect (wrong operation). */
export class StubResponseError extends BotojsError {}
/** A Stubber got a call when its queue was empty. */
export class UnStubbedResponseError extends StubResponseError {}
/** A Stubber got the expected operation with other parameters than expected. */
export class StubAssertionError extends StubResponseError {}

/**
 * Response parsing failed (malformed XML/JSON from a non-AWS server, a truncated body, ...).
 * When the failure is the body itself, the operation and HTTP status are on the error as well
 * as in its message, so callers can tell which call got the bad response.
 */
export class ResponseParserError extends BotojsError {
  /** The operation whose response did not parse, when known. */
  readonly operationName?: string;
  /** The HTTP status of that response, when known. */
  readonly statusCode?: number;

  constructor(message: string, details: { operationName?: string; statusCode?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.operationName !== undefined) this.operationName = details.operationName;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
  }
}
