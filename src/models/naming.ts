/**
 * Naming: the one algorithm that turns model names (PascalCase) into the JS surface.
 *
 * canonicalName(Name) = camelize(xformName(Name)), where xformName is botocore's
 * PascalCase -> snake_case transform. lookupKey() is the forgiving form used to resolve any
 * spelling a user types (lower-cased, underscores removed; src/util/spelling.ts, which also
 * finds close matches for error messages).
 */
import { lookupKey } from '../util/spelling';

export { closeMatches, didYouMean, editDistance, lookupKey, MAX_COMPARED_LENGTH } from '../util/spelling';

const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
// An acronym plural at the end ("ARNs", "ACLs") becomes one word: "_arns".
const SPECIAL_PLURAL = /[A-Z]{2,}s$/;

// Names botocore transforms by a fixed table instead of the regexes (facts from botocore 1.43).
const XFORM_EXCEPTIONS: Record<string, string> = {
  CreateCachediSCSIVolume: 'create_cached_iscsi_volume',
  DescribeCachediSCSIVolumes: 'describe_cached_iscsi_volumes',
  DescribeStorediSCSIVolumes: 'describe_stored_iscsi_volumes',
  CreateStorediSCSIVolume: 'create_stored_iscsi_volume',
  ListHITsForQualificationType: 'list_hits_for_qualification_type',
  ExecutePartiQLStatement: 'execute_partiql_statement',
  ExecutePartiQLTransaction: 'execute_partiql_transaction',
  ExecutePartiQLBatch: 'execute_partiql_batch',
  AssociateWhatsAppBusinessAccount: 'associate_whatsapp_business_account',
  CreateWhatsAppMessageTemplate: 'create_whatsapp_message_template',
  CreateWhatsAppMessageTemplateFromLibrary: 'create_whatsapp_message_template_from_library',
  CreateWhatsAppMessageTemplateMedia: 'create_whatsapp_message_template_media',
  DeleteWhatsAppMessageMedia: 'delete_whatsapp_message_media',
  DeleteWhatsAppMessageTemplate: 'delete_whatsapp_message_template',
  DisassociateWhatsAppBusinessAccount: 'disassociate_whatsapp_business_account',
  GetLinkedWhatsAppBusinessAccount: 'get_linked_whatsapp_business_account',
  GetLinkedWhatsAppBusinessAccountPhoneNumber: 'get_linked_whatsapp_business_account_phone_number',
  GetOTelEnrichment: 'get_otel_enrichment',
  GetWhatsAppMessageMedia: 'get_whatsapp_message_media',
  GetWhatsAppMessageTemplate: 'get_whatsapp_message_template',
  ListLinkedWhatsAppBusinessAccounts: 'list_linked_whatsapp_business_accounts',
  ListWhatsAppMessageTemplates: 'list_whatsapp_message_templates',
  ListWhatsAppTemplateLibrary: 'list_whatsapp_template_library',
  PostWhatsAppMessageMedia: 'post_whatsapp_message_media',
  PutWhatsAppBusinessAccountEventDestinations: 'put_whatsapp_business_account_event_destinations',
  SendWhatsAppMessage: 'send_whatsapp_message',
  StartOTelEnrichment: 'start_otel_enrichment',
  StopOTelEnrichment: 'stop_otel_enrichment',
  UpdateWhatsAppMessageTemplate: 'update_whatsapp_message_template',
};

const xformCache = new Map<string, string>();

/** botocore's xform_name: `ListObjectsV2` -> `list_objects_v2`, `ETag` -> `e_tag`. */
export function xformName(name: string): string {
  if (name.includes('_')) return name;
  const cached = xformCache.get(name);
  if (cached !== undefined) return cached;
  let out = XFORM_EXCEPTIONS[name];
  if (out === undefined) {
    let n = name;
    const special = SPECIAL_PLURAL.exec(n);
    if (special) n = `${n.slice(0, -special[0].length)}_${special[0].toLowerCase()}`;
    out = n.replace(FIRST_CAP, '$1_$2').replace(END_CAP, '$1_$2').toLowerCase();
  }
  xformCache.set(name, out);
  return out;
}

/** Joins snake_case parts into camelCase: `list_objects_v2` -> `listObjectsV2`. */
export function camelize(snake: string): string {
  const parts = snake.split('_').filter((p) => p.length > 0);
  return parts
    .map((p, i) => (i === 0 ? p.toLowerCase() : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()))
    .join('');
}

/** The canonical JS name of a model name (operation, waiter, attribute, action, ...). */
export function canonicalName(modelName: string): string {
  return camelize(xformName(modelName));
}

/**
 * A case-insensitive, underscore-blind index from user spellings to model names.
 * Throws at build time when two model names collide (an import-time error per API.md).
 *
 * A canonical name has the same lookupKey as its model name (xformName only inserts underscores
 * and lower-cases, camelize only drops them and changes case), so the index is built from the
 * model names alone; the canonical names are worked out only when someone lists them. That keeps
 * a client of EC2's 765 operations cheap to create.
 */
export class NameIndex {
  private readonly byKey = new Map<string, string>();
  private readonly modelNames: string[];
  private _canonical?: string[];

  constructor(modelNames: Iterable<string>, what = 'name') {
    this.modelNames = [...modelNames];
    for (const modelName of this.modelNames) {
      const key = lookupKey(modelName);
      const prior = this.byKey.get(key);
      if (prior !== undefined && prior !== modelName) {
        throw new Error(`${what} collision: '${prior}' and '${modelName}' both map to '${canonicalName(modelName)}'`);
      }
      this.byKey.set(key, modelName);
    }
  }

  /** The canonical name of every model name, in model order. */
  get canonical(): string[] {
    return (this._canonical ??= this.modelNames.map(canonicalName));
  }

  /** Model name for any accepted spelling, or undefined. */
  resolve(spelling: string): string | undefined {
    return this.byKey.get(lookupKey(spelling));
  }

  canonicalOf(modelName: string): string {
    return canonicalName(modelName);
  }
}
