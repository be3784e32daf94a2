/**
 * Help text for the methods that are not API operations (transfers, presigning, paginators,
 * waiters, database tokens, a Table's batchWriter): whoever adds such a method documents it
 * here, and `help(s3.uploadFile)` / `help(s3)` print it. It lives at the bottom of src/ so every
 * layer that adds methods can reach it.
 *
 * The text is a function, called only when help asks: building it may read data (the lists of
 * allowed ExtraArgs) that the method's module loads lazily.
 */

/** First line: the signature (`uploadFile(filename, bucket, key, options?) -> Promise<void>`); then a description. */
export type MethodDoc = () => string;

const docs = new WeakMap<object, MethodDoc>();

/** Attaches help text to `method`; returns it, so a member can be documented where it is defined. */
export function documentMethod<T extends object>(method: T, doc: MethodDoc): T {
  docs.set(method, doc);
  return method;
}

/** The help text of a documented method, if any. */
export function methodDoc(method: unknown): string | undefined {
  return typeof method === 'function' ? docs.get(method)?.() : undefined;
}

/** The first line of a documented method's help (its signature), if any. */
export function methodSignature(method: unknown): string | undefined {
  return methodDoc(method)?.split('\n')[0];
}
