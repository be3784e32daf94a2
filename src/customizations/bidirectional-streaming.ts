/**
 * botocore removes the methods of operations that need an HTTP/2 bidirectional event stream
 * (remove_lex_v2_start_conversation, remove_qbusiness_chat, ... on `creating-client-class`).
 * botojs cannot send those either (its transport is HTTP/1.1, with no input event streams), so
 * the operations are not listed on the client and calling one throws UnsupportedOperationError
 * saying why, before anything is resolved or sent. The model keeps them (the name resolves to
 * this error rather than to "no operation").
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { ClientBuild } from '../client/client-build';

const REASON = 'it needs an HTTP/2 bidirectional event stream, which botojs (like boto3, which removes the method) cannot send';

// Event service id -> model operation name, botocore 1.43.11's five handlers.
const BIDIRECTIONAL_OPERATIONS: Array<[string, string]> = [
  ['lex-runtime-v2', 'StartConversation'],
  ['qbusiness', 'Chat'],
  ['bedrock-runtime', 'InvokeModelWithBidirectionalStream'],
  ['connecthealth', 'StartMedicalScribeListeningSession'],
  ['polly', 'StartSpeechSynthesisStream'],
];

export function installBidirectionalStreamingRemovals(events: HierarchicalEmitter): void {
  for (const [serviceId, operation] of BIDIRECTIONAL_OPERATIONS) {
    events.register(`creating-client-class.${serviceId}`, (p) => {
      const build = p.build as ClientBuild;
      if (build.service.hasOperation(operation)) build.methods.removed[operation] = REASON;
    });
  }
}
