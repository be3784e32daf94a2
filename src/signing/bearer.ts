/**
 * Bearer token auth (botocore's BearerAuth, RFC 6750 section 2.1): replaces any Authorization
 * header with `Bearer <token>`. Mutates and returns `headers`.
 */
import { NoCredentialsError } from '../errors';
import { setHeader } from '../util/headers';

export function signBearer(headers: Record<string, string>, token: string): Record<string, string> {
  // botocore raises NoAuthTokenError here; the message is the same.
  if (!token) throw new NoCredentialsError('Unable to locate authorization token');
  setHeader(headers, 'Authorization', `Bearer ${token}`);
  return headers;
}
