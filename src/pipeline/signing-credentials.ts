/**
 * The client's credentials in the shape the signers take, or NoCredentialsError: one place for
 * every signature the client makes (calls, presigned URLs and POSTs, embedded presigned URLs,
 * database auth tokens).
 */
import { NoCredentialsError } from '../errors';
import type { SigningCredentials } from '../signing/aws4-signer';
import type { ClientContext } from './context';

export async function signingCredentials(ctx: ClientContext): Promise<SigningCredentials> {
  const creds = await ctx.credentials();
  if (!creds) throw new NoCredentialsError();
  return { accessKeyId: creds.accessKey, secretAccessKey: creds.secretKey, sessionToken: creds.token };
}
