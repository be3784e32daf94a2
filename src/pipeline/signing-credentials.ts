/**
 * The client's credentials in the shape the signers take, or NoCredentialsError: one place for
 * every signature the client makes (calls, presigned URLs and POSTs, embedded presigned URLs,
 * database auth tokens).
 *
 * A customization may sign some calls with other credentials than the client's: a session it
 * obtained for the call's resource (S3 Express One Zone's CreateSession, per bucket). It says so
 * with a SigningIdentityHook on the client (ClientBuild.signingIdentity), which callCredentials
 * asks before falling back to the client's own.
 */
import { NoCredentialsError } from '../errors';
import type { SigningCredentials } from '../signing/aws4-signer';
import type { ClientContext } from './context';
import type { AuthPlan } from './make-api-call';

export async function signingCredentials(ctx: ClientContext): Promise<SigningCredentials> {
  return asSigningCredentials(await ctx.credentials());
}

/** The client's credentials in the signers' shape; NoCredentialsError when there are none. */
function asSigningCredentials(creds: Awaited<ReturnType<ClientContext['credentials']>>): SigningCredentials {
  if (!creds) throw new NoCredentialsError();
  return { accessKeyId: creds.accessKey, secretAccessKey: creds.secretKey, sessionToken: creds.token };
}

/** Session credentials a customization supplies for one call, and where their token travels. */
export interface SigningIdentity {
  credentials: SigningCredentials;
  /** The header that carries the session token instead of X-Amz-Security-Token. */
  tokenHeader: string;
  /** The query parameter that carries it in a presigned URL. */
  tokenQueryParameter: string;
}

/** What a SigningIdentityHook is told about the call it may supply credentials for. */
export interface IdentityCall {
  auth: AuthPlan;
  params: Record<string, unknown>;
}

/** Returns the call's own identity, or undefined to sign with the client's credentials. */
export type SigningIdentityHook = (ctx: ClientContext, call: IdentityCall) => Promise<SigningIdentity | undefined> | undefined;

/** The credentials a call signs with: its customization's identity when there is one, else the client's. */
export async function callCredentials(ctx: ClientContext, call: IdentityCall): Promise<{ creds: SigningCredentials; identity?: SigningIdentity }> {
  // A hook with nothing to say for this call (S3's, for any bucket but a directory bucket)
  // answers undefined at once: no await for it.
  const pending = ctx.signingIdentity?.(ctx, call);
  const identity = pending ? await pending : undefined;
  if (identity) return { creds: identity.credentials, identity };
  // Not through signingCredentials: one await less.
  return { creds: asSigningCredentials(await ctx.credentials()) };
}
