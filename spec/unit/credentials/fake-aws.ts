/**
 * Loopback stand-ins for the services credential providers talk to, answering in the real
 * services' documented formats: STS (query/XML), SSO portal and SSO OIDC (REST/JSON), the EC2
 * instance metadata service and the container credentials endpoint. Plus a temporary HOME.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CannedServer, CannedResponse, RecordedRequest } from '../../helpers/canned-server';

export interface TempHome {
  home: string;
  env: Record<string, string>;
  write(rel: string, text: string): string;
}

/** A temporary HOME with ~/.aws/config and ~/.aws/credentials; env points every path at it. */
export function tempHome(files: { config?: string; credentials?: string } = {}): TempHome {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-home-'));
  fs.mkdirSync(path.join(home, '.aws'), { recursive: true });
  const write = (rel: string, text: string): string => {
    const p = path.join(home, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  write('.aws/config', files.config ?? '');
  write('.aws/credentials', files.credentials ?? '');
  return {
    home,
    write,
    env: { HOME: home, AWS_CONFIG_FILE: path.join(home, '.aws/config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws/credentials'), AWS_EC2_METADATA_DISABLED: 'true' },
  };
}

export function isoIn(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface StsCall {
  action: string;
  params: Record<string, string>;
  /** The access key id the request was signed with (undefined when unsigned). */
  signedWith?: string;
  sessionToken?: string;
}

/** Fake STS: AssumeRole / AssumeRoleWithWebIdentity issue keys named after the role. */
/** A loopback stand-in for one AWS endpoint: a CannedServer answering through `handle`. */
abstract class FakeEndpoint {
  readonly server = new CannedServer();
  url = '';

  async start(): Promise<string> {
    this.server.handler = (req) => this.handle(req);
    this.url = await this.server.start();
    return this.url;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  protected abstract handle(req: RecordedRequest): CannedResponse;
}

export class FakeSts extends FakeEndpoint {
  readonly calls: StsCall[] = [];
  /** Seconds the issued keys live. */
  lifetime = 3600;
  counter = 0;
  /** Set to answer the next calls with an STS error. */
  failWith?: { code: string; message: string; status?: number };

  protected handle(req: RecordedRequest): CannedResponse {
    const params = Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
    const auth = req.headers.authorization;
    const signedWith = typeof auth === 'string' ? /Credential=([^/]+)\//.exec(auth)?.[1] : undefined;
    const sessionToken = req.headers['x-amz-security-token'] as string | undefined;
    this.calls.push({ action: params.Action, params, signedWith, sessionToken });
    if (this.failWith) {
      return {
        status: this.failWith.status ?? 403,
        headers: { 'content-type': 'text/xml' },
        body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${this.failWith.code}</Code><Message>${this.failWith.message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`,
      };
    }
    this.counter += 1;
    const role = (params.RoleArn ?? '').split('/').pop() ?? 'role';
    const keyId = `ASIA${role.toUpperCase().replace(/[^A-Z0-9]/g, '')}${this.counter}`;
    const action = params.Action;
    const extra = action === 'AssumeRoleWithWebIdentity' ? '<SubjectFromWebIdentityToken>sub-1</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience>' : '';
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${extra}<AssumedRoleUser><AssumedRoleId>AROA123:${params.RoleSessionName}</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/${role}/${params.RoleSessionName}</Arn></AssumedRoleUser><Credentials><AccessKeyId>${keyId}</AccessKeyId><SecretAccessKey>secret-${keyId}</SecretAccessKey><SessionToken>token-${keyId}</SessionToken><Expiration>${isoIn(this.lifetime)}</Expiration></Credentials><PackedPolicySize>6</PackedPolicySize></${action}Result><ResponseMetadata><RequestId>req-${this.counter}</RequestId></ResponseMetadata></${action}Response>`,
    };
  }
}

/** What one device-grant CreateToken answers (the OAuth error, or the token). */
export type DeviceTokenStep = 'pending' | 'slow_down' | 'expired' | 'invalid_client' | 'ok';

const DEVICE_ERRORS: Record<Exclude<DeviceTokenStep, 'ok'>, [string, string]> = {
  pending: ['AuthorizationPendingException', 'authorization_pending'],
  slow_down: ['SlowDownException', 'slow_down'],
  expired: ['ExpiredTokenException', 'expired_token'],
  invalid_client: ['InvalidClientException', 'invalid_client'],
};

/**
 * Fake SSO portal (GetRoleCredentials) and SSO OIDC on one loopback server: CreateToken for
 * refresh tokens, and the device flow (RegisterClient, StartDeviceAuthorization, CreateToken
 * with the device code answering `deviceSteps` in turn, then a token).
 */
export class FakeSso extends FakeEndpoint {
  registerCalls: Array<Record<string, unknown>> = [];
  deviceCalls: Array<Record<string, unknown>> = [];
  /** CreateToken answers for the device code, one per call; a token once they run out. */
  deviceSteps: DeviceTokenStep[] = [];
  /** StartDeviceAuthorization's `interval` (undefined: left out, the RFC's 5 s applies). */
  deviceInterval: number | undefined = 0;
  /** Seconds the device code lives (StartDeviceAuthorization's `expiresIn`). */
  deviceExpiresIn = 600;
  /** Access tokens GetRoleCredentials accepts. */
  validTokens = new Set<string>();
  roleCalls: Array<{ roleName: string | null; accountId: string | null; token: string | undefined; authorization: unknown }> = [];
  tokenCalls: Array<Record<string, unknown>> = [];
  /** What CreateToken hands out next. */
  nextAccessToken = 'refreshed-access-token';
  createTokenFails = false;

  protected handle(req: RecordedRequest): CannedResponse {
    const u = new URL(req.url, 'http://x');
    const json = (status: number, body: unknown, errorType?: string): CannedResponse => ({
      status,
      headers: { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) },
      body: JSON.stringify(body),
    });
    if (req.method === 'GET' && u.pathname === '/federation/credentials') {
      const token = req.headers['x-amz-sso_bearer_token'] as string | undefined;
      this.roleCalls.push({ roleName: u.searchParams.get('role_name'), accountId: u.searchParams.get('account_id'), token, authorization: req.headers.authorization });
      if (!token || !this.validTokens.has(token)) return json(401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
      const n = this.roleCalls.length;
      return json(200, { roleCredentials: { accessKeyId: `ASIASSO${n}`, secretAccessKey: `sso-secret-${n}`, sessionToken: `sso-token-${n}`, expiration: Date.now() + 3600_000 } });
    }
    if (req.method === 'POST' && u.pathname === '/client/register') {
      const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
      this.registerCalls.push({ ...body, authorization: req.headers.authorization });
      const n = this.registerCalls.length;
      return json(200, { clientId: `client-${n}`, clientSecret: `client-secret-${n}`, clientIdIssuedAt: Math.floor(Date.now() / 1000), clientSecretExpiresAt: Math.floor(Date.now() / 1000) + 90 * 86400 });
    }
    if (req.method === 'POST' && u.pathname === '/device_authorization') {
      const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
      this.deviceCalls.push({ ...body, authorization: req.headers.authorization });
      const code = `WXYZ-${this.deviceCalls.length}`;
      return json(200, {
        deviceCode: `device-code-${this.deviceCalls.length}`,
        userCode: code,
        verificationUri: 'https://device.sso.example.com/',
        verificationUriComplete: `https://device.sso.example.com/?user_code=${code}`,
        expiresIn: this.deviceExpiresIn,
        ...(this.deviceInterval === undefined ? {} : { interval: this.deviceInterval }),
      });
    }
    if (req.method === 'POST' && u.pathname === '/token') {
      const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
      this.tokenCalls.push({ ...body, authorization: req.headers.authorization });
      if (body.grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
        const step = this.deviceSteps.shift() ?? 'ok';
        if (step !== 'ok') {
          const [type, error] = DEVICE_ERRORS[step];
          return json(400, { error, error_description: `device grant: ${error}` }, type);
        }
        this.validTokens.add(this.nextAccessToken);
        return json(200, { accessToken: this.nextAccessToken, tokenType: 'Bearer', expiresIn: 28800, refreshToken: 'device-refresh-token' });
      }
      if (this.createTokenFails) return json(400, { error: 'invalid_grant', error_description: 'Invalid refresh token' }, 'InvalidGrantException');
      this.validTokens.add(this.nextAccessToken);
      return json(200, { accessToken: this.nextAccessToken, tokenType: 'Bearer', expiresIn: 28800, refreshToken: 'refresh-2' });
    }
    return json(404, { message: `no route ${req.method} ${u.pathname}` });
  }
}

export interface ImdsBehaviour {
  /** How the token PUT answers: a status, or 'hang' to never answer (timeout). */
  token?: number | 'hang';
  role?: string;
  /** The first N requests for the role's keys answer 500. */
  failKeys?: number;
  keys?: { AccessKeyId: string; SecretAccessKey: string; Token: string; Expiration: string };
  /** The instance's availability zone (placement/availability-zone); default us-west-2a. */
  zone?: string;
}

/** Fake IMDS: token endpoint, role listing, role credentials (Code/LastUpdated/Type as EC2 does). */
export class FakeImds extends FakeEndpoint {
  behaviour: ImdsBehaviour = {};
  readonly seen: Array<{ method: string; url: string; token?: string; ttl?: string; userAgent?: string }> = [];
  private readonly tokenValue = 'imds-session-token';

  protected handle(req: RecordedRequest): CannedResponse {
    const r = this.answer(req);
    // 'hang': never answer, so the client's timeout must fire.
    return r === 'hang' ? { hang: true } : { status: r.status, headers: { 'content-type': 'text/plain' }, body: r.body };
  }

  private answer(req: RecordedRequest): { status: number; body: string } | 'hang' {
    const token = req.headers['x-aws-ec2-metadata-token'] as string | undefined;
    const url = req.url ?? '';
    this.seen.push({ method: req.method ?? '', url, token, ttl: req.headers['x-aws-ec2-metadata-token-ttl-seconds'] as string | undefined, userAgent: req.headers['user-agent'] });
    const b = this.behaviour;
    const tokenMode = b.token ?? 200;
    if (req.method === 'PUT' && url === '/latest/api/token') {
      if (tokenMode === 'hang') return 'hang';
      return tokenMode === 200 ? { status: 200, body: this.tokenValue } : { status: tokenMode, body: '' };
    }
    // When the service issues tokens (IMDSv2 required), requests without one are refused, as on EC2.
    if (tokenMode === 200 && token !== this.tokenValue) return { status: 401, body: '' };
    if (url === '/latest/meta-data/placement/availability-zone/') return { status: 200, body: b.zone ?? 'us-west-2a' };
    const role = b.role ?? 'demo-instance-role';
    if (url === '/latest/meta-data/iam/security-credentials/') return { status: 200, body: role };
    if (url === `/latest/meta-data/iam/security-credentials/${role}`) {
      if (b.failKeys && b.failKeys > 0) {
        b.failKeys -= 1;
        return { status: 500, body: '' };
      }
      const keys = b.keys ?? { AccessKeyId: 'ASIAIMDS', SecretAccessKey: 'imds-secret', Token: 'imds-token', Expiration: isoIn(6 * 3600) };
      return { status: 200, body: JSON.stringify({ Code: 'Success', LastUpdated: isoIn(-60), Type: 'AWS-HMAC', ...keys }) };
    }
    return { status: 404, body: '' };
  }
}
