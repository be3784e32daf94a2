/**
 * botocore 1.43.11 removes the five methods that need HTTP/2 bidirectional streaming (boto3:
 * `hasattr(client, 'start_conversation')` is False, AttributeError on access, while
 * meta.method_to_api_mapping keeps them). botojs does not list them and throws
 * UnsupportedOperationError naming the operation and why, before any request is sent.
 */
import { Session, UnsupportedOperationError, BotojsError } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

const REMOVED: Array<[string, string, string]> = [
  ['lexv2-runtime', 'startConversation', 'StartConversation'],
  ['qbusiness', 'chat', 'Chat'],
  ['bedrock-runtime', 'invokeModelWithBidirectionalStream', 'InvokeModelWithBidirectionalStream'],
  ['connecthealth', 'startMedicalScribeListeningSession', 'StartMedicalScribeListeningSession'],
  ['polly', 'startSpeechSynthesisStream', 'StartSpeechSynthesisStream'],
];

describe('operations that need bidirectional streaming', () => {
  it.each(REMOVED)('%s %s is not listed and throws why', (service, method, operation) => {
    const sends: unknown[] = [];
    const client = session.client(service);
    client.meta.events.register('before-send', (p) => void sends.push(p));
    expect(Object.keys(client)).not.toContain(method);
    expect(method in client).toBe(false);
    expect(client.meta.methodToApiMapping[method]).toBe(operation);
    let err: unknown;
    try {
      void client[method];
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsupportedOperationError);
    expect(err).toBeInstanceOf(BotojsError);
    expect((err as Error).message).toBe(`'${service}' operation ${operation} is not supported: it needs an HTTP/2 bidirectional event stream, which botojs (like boto3, which removes the method) cannot send`);
    // Every spelling is refused, including the model's own.
    expect(() => client[operation]).toThrow(UnsupportedOperationError);
    expect(sends).toEqual([]);
  });

  it('keeps the services\' other operations', () => {
    const polly = session.client('polly');
    expect(Object.keys(polly)).toContain('synthesizeSpeech');
    expect(typeof polly.synthesize_speech).toBe('function');
    expect(Object.keys(session.client('bedrock-runtime'))).toContain('invokeModelWithResponseStream');
  });
});
