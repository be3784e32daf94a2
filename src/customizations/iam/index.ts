/**
 * IAM's response customization, botocore's `json_decode_policies` (handlers.py, registered for
 * `after-call.iam`): IAM returns policy documents as URL-encoded JSON text. Every output member
 * whose shape is `policyDocumentType` (a role's AssumeRolePolicyDocument, GetRolePolicy's
 * PolicyDocument, the documents of GetAccountAuthorizationDetails, ...) is URL-decoded (Python's
 * unquote) and JSON-parsed, so callers get the document as an object. A value that does not
 * decode to JSON stays the string it was, as in botocore.
 *
 * The walk is botocore's: it follows structure members and list items (not maps), from the
 * operation's output shape, so paginated and resource calls are decoded the same way.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import { pythonUnquote } from '../../util/python-unquote';
import { isRecord } from '../../util/objects';

/** The shape IAM uses for every policy document string. */
const POLICY_SHAPE = 'policyDocumentType';

/** botocore's decode_quoted_jsondoc: the decoded document, or the value unchanged. */
function decodeQuotedJsonDoc(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(pythonUnquote(value)) as unknown;
  } catch {
    return value;
  }
}


/** botocore's _decode_policy_types over the parsed value of `shape`, in place. */
function decodePolicyTypes(parsed: unknown, shape: Shape): void {
  if (shape.type === 'structure' && isRecord(parsed)) {
    for (const name of shape.memberNames) {
      if (!Object.prototype.hasOwnProperty.call(parsed, name)) continue;
      const member = shape.members[name];
      if (member.type === 'string' && member.name === POLICY_SHAPE) parsed[name] = decodeQuotedJsonDoc(parsed[name]);
      else decodePolicyTypes(parsed[name], member);
    }
  } else if (shape.type === 'list' && Array.isArray(parsed)) {
    for (const item of parsed) decodePolicyTypes(item, shape.listMember);
  }
}

/** Registers IAM's policy-document decoding on a session's events. */
export function installIam(events: HierarchicalEmitter): void {
  events.register('after-call.iam', (p) => {
    const output = (p.operation as OperationModel).output;
    if (output) decodePolicyTypes(p.parsed, output);
  });
}
