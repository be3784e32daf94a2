/**
 * What the customizations change about what a call takes and returns, for the declarations
 * `botojs types` writes (src/typegen/). The model says what goes on the wire; these handlers
 * fill, rename, reshape or add members on the way, and the declarations must describe the
 * calls as users make them. Each entry names the handler it describes.
 *
 * Type expressions are TypeScript written against names imported from 'botojs', each under a
 * `$` alias (`$StreamingBody`), so no model shape name can shadow them.
 */
import { PARAMETER_ALIASES, type ParameterAlias } from './parameter-aliases';

/** A member of one operation's input or output (every operation when `operation` is absent). */
export interface MemberHint {
  operation?: string;
  member: string;
}

export interface ServiceTypeHints {
  /** Input members a handler fills when they are left out: typed optional. */
  filledInputs?: MemberHint[];
  /** Input members that take more than the model's type. */
  inputTypes?: Array<MemberHint & { type: string }>;
  /** Output members a handler adds next to the member `besides` when the output models it. */
  addedOutputs?: Array<{ besides: string; member: string; type: string; doc: string }>;
  /** Output shapes a handler turns into something else (by shape name). */
  outputShapeTypes?: Record<string, string>;
  /** Output members a handler turns into something else. */
  outputTypes?: Array<MemberHint & { type: string }>;
  /** Interfaces from 'botojs' the client has on top of its operations. */
  clientExtends?: string[];
  /**
   * Members customizations add to (or replace on) resource classes: resource name (or
   * `ServiceResource`) -> declarations, where `%Name%` stands for the interface of resource Name.
   */
  resourceMembers?: Record<string, string[]>;
  /** Interfaces from 'botojs' holding members customizations add to a resource class, and those members' names. */
  resourceExtends?: Record<string, { interfaces: string[]; members: string[] }>;
  /**
   * Shape name -> type on the resource's client, whose calls a customization transforms
   * (DynamoDB's native values and condition objects).
   */
  resourceShapeTypes?: Record<string, string>;
}

const TRANSFER_METHODS = ['uploadFile', 'downloadFile', 'uploadFileobj', 'downloadFileobj', 'copy'];

const HINTS: Record<string, ServiceTypeHints> = {
  s3: {
    // s3/index.ts (handle_copy_source_param) and s3/sse-customer-key.ts (sse_md5).
    inputTypes: [
      { member: 'CopySource', type: 'string | $CopySource' },
      { member: 'SSECustomerKey', type: 'string | Buffer | Uint8Array' },
      { member: 'CopySourceSSECustomerKey', type: 'string | Buffer | Uint8Array' },
    ],
    // s3/expires-header.ts (handle_expires_header).
    addedOutputs: [{ besides: 'Expires', member: 'ExpiresString', type: 'string', doc: 'The Expires header as sent, even when it is not a valid timestamp.' }],
    // s3/transfer/client-extension.ts and resource-methods.ts (boto3's inject.py).
    clientExtends: ['S3TransferMethods'],
    resourceExtends: {
      Bucket: { interfaces: ['BucketTransferMethods'], members: TRANSFER_METHODS },
      Object: { interfaces: ['ObjectTransferMethods'], members: TRANSFER_METHODS },
    },
  },
  // glacier/index.ts (inject_account_id): accountId defaults to '-'.
  glacier: { filledInputs: [{ member: 'accountId' }] },
  // iam/index.ts (json_decode_policies): policy documents come back parsed, or as the text when not JSON.
  iam: { outputShapeTypes: { policyDocumentType: '$DocumentValue' } },
  // cloudformation/index.ts (json_decode_template_body): a JSON template comes back parsed.
  cloudformation: { outputTypes: [{ operation: 'GetTemplate', member: 'TemplateBody', type: 'string | $DocumentValue' }] },
  ec2: {
    // ec2/index.ts (boto3's createtags.py / deletetags.py).
    resourceMembers: {
      ServiceResource: ['/** CreateTags, returning one Tag resource per (resource, tag) pair. */', 'createTags(params: { Resources: readonly string[]; Tags: ReadonlyArray<{ Key: string; Value?: string }>; DryRun?: boolean }, options?: $CallOptions): Promise<%Tag%[]>;'],
      Instance: ['/** DeleteTags for this instance. */', 'deleteTags(params?: { Tags?: ReadonlyArray<{ Key: string; Value?: string }>; DryRun?: boolean }, options?: $CallOptions): Promise<$OperationResult<{}>>;'],
    },
  },
  dynamodb: {
    // dynamodb/transform.ts: the resource's client takes and returns native values and conditions.
    resourceShapeTypes: { AttributeValue: '$NativeAttributeValue', ConditionExpression: 'string | $ConditionBase', KeyExpression: 'string | $ConditionBase' },
    // dynamodb/index.ts: table.batchWriter().
    resourceMembers: {
      Table: [
        '/** A BatchWriter for this table: `put`/`delete` buffer, `close()` sends what is left. */',
        'batchWriter(options?: $BatchWriterOptions): $BatchWriter;',
        '/** Runs `fn` with a BatchWriter and closes it afterwards (also when `fn` throws). */',
        'batchWriter<T>(fn: (writer: $BatchWriter) => T | Promise<T>, options?: $BatchWriterOptions): Promise<T>;',
      ],
    },
  },
};

/** The hints for a service, by its event id (`s3`, `cloudwatch-logs`), parameter aliases included. */
export function typeHintsFor(eventServiceId: string): ServiceTypeHints & { parameterAliases: ParameterAlias[] } {
  return { ...(HINTS[eventServiceId] ?? {}), parameterAliases: PARAMETER_ALIASES.filter((a) => a.service === eventServiceId) };
}

/** Names from 'botojs' the hint type expressions use (imported as `$Name`). */
export const HINT_IMPORTS = ['CopySource', 'DocumentValue', 'CallOptions', 'OperationResult', 'NativeAttributeValue', 'ConditionBase', 'BatchWriter', 'BatchWriterOptions', 'S3TransferMethods', 'BucketTransferMethods', 'ObjectTransferMethods'] as const;
