/**
 * Bearer tokens from the environment, scoped to a service's signing name, as botocore's
 * ScopedEnvTokenProvider reads them: `AWS_BEARER_TOKEN_<SIGNING NAME>`, the signing name
 * upper-cased with `-` and spaces turned into `_` (`bedrock` -> AWS_BEARER_TOKEN_BEDROCK).
 */

/** The variable that holds the bearer token for `signingName`. */
export function bearerTokenVariable(signingName: string): string {
  return `AWS_BEARER_TOKEN_${signingName.replace(/[- ]/g, '_').toUpperCase()}`;
}

/**
 * The token for `signingName` in `env`, or undefined. An empty value counts as none (botocore
 * would send `Authorization: Bearer ` with nothing after it).
 */
export function bearerTokenFromEnvironment(env: NodeJS.ProcessEnv, signingName: string | undefined): string | undefined {
  if (!signingName || !signingName.trim()) return undefined;
  const token = env[bearerTokenVariable(signingName)];
  return token ? token : undefined;
}
