/**
 * Turns an STS AssumeRole* response into keys, and builds the STS calls the role providers make.
 */
import { accountFromArn, toDate } from './context';
import { CredentialRetrievalError } from './errors';
import type { RefreshedKeys } from './refreshable';

/** Keys from `{ Credentials: { AccessKeyId, SecretAccessKey, SessionToken, Expiration }, AssumedRoleUser: { Arn } }`. */
export function keysFromStsResponse(method: string, response: Record<string, unknown>): RefreshedKeys {
  const c = response.Credentials as Record<string, unknown> | undefined;
  if (!c || typeof c.AccessKeyId !== 'string' || typeof c.SecretAccessKey !== 'string') {
    throw new CredentialRetrievalError(method, 'the STS response holds no credentials');
  }
  const user = response.AssumedRoleUser as Record<string, unknown> | undefined;
  return {
    accessKey: c.AccessKeyId,
    secretKey: c.SecretAccessKey,
    token: typeof c.SessionToken === 'string' ? c.SessionToken : undefined,
    expiryTime: toDate(c.Expiration),
    accountId: accountFromArn(user?.Arn),
  };
}
