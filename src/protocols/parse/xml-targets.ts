/**
 * What a protocol reads from a success body, said two ways that give the same result: a
 * ReadSpec for the one-pass reader (xml-reader.ts) and a walk over the tree (xml-shapes.ts),
 * which reads the documents the reader leaves to it. One target per shape, kept, so the body
 * cache (bodies.ts) can tell that the S3 check and the parser asked for the same reading.
 *
 * - rest-xml: the document element is the output shape (or its structure payload);
 * - query: the shape sits under the root's resultWrapper child (or is the root, when the
 *   operation has none), and `<ResponseMetadata>` becomes ResponseMetadata as a plain dict;
 * - ec2: as query, with the root's `<requestId>` text as the metadata.
 */
import type { Shape } from '../../models/shape';
import { XmlDocument, XmlNode, xmlChild, xmlTextOrNull } from '../xml-parser';
import { planFor } from './xml-plan';
import type { ReadResult, ReadSpec } from './xml-reader';
import { parseXmlShape, xmlToPlain } from './xml-shapes';

export interface XmlTarget {
  readonly spec: ReadSpec;
  /** The same reading on a tree. */
  walk(doc: XmlDocument): ReadResult;
}

const restTargets = new WeakMap<Shape, XmlTarget>();

/** rest-xml: the document element read as `shape`. */
export function restXmlTarget(shape: Shape): XmlTarget {
  let target = restTargets.get(shape);
  if (!target) {
    target = { spec: { shape: planFor(shape) }, walk: (doc) => ({ value: parseXmlShape(shape, [doc.root]) }) };
    restTargets.set(shape, target);
  }
  return target;
}

/** Which root child is the metadata, and whether it is read as text (ec2) or a dict (query). */
export interface MetaElement {
  element: string;
  asText: boolean;
}

export const QUERY_META: MetaElement = Object.freeze({ element: 'ResponseMetadata', asText: false });
export const EC2_META: MetaElement = Object.freeze({ element: 'requestId', asText: true });

const queryTargets = new Map<MetaElement, WeakMap<Shape, XmlTarget>>();
const metaOnlyTargets = new Map<MetaElement, XmlTarget>();

function queryTarget(shape: Shape | undefined, meta: MetaElement): XmlTarget {
  const wrapper = shape?.serialization.resultWrapper || undefined;
  return {
    spec: { shape: shape && planFor(shape), wrapper, meta },
    walk(doc) {
      let start: XmlNode | undefined = doc.root;
      if (wrapper) start = xmlChild(doc.root, wrapper)[0];
      const out: ReadResult = { value: shape && start !== undefined ? parseXmlShape(shape, [start]) : undefined };
      const node = xmlChild(doc.root, meta.element)[0];
      if (node !== undefined) out.meta = meta.asText ? xmlTextOrNull(node) : xmlToPlain(node);
      return out;
    },
  };
}

/** query and ec2: the output shape (none: only the metadata) and the metadata element. */
export function queryXmlTarget(shape: Shape | undefined, meta: MetaElement): XmlTarget {
  if (!shape) {
    let target = metaOnlyTargets.get(meta);
    if (!target) metaOnlyTargets.set(meta, (target = queryTarget(undefined, meta)));
    return target;
  }
  let byShape = queryTargets.get(meta);
  if (!byShape) queryTargets.set(meta, (byShape = new WeakMap()));
  let target = byShape.get(shape);
  if (!target) byShape.set(shape, (target = queryTarget(shape, meta)));
  return target;
}
