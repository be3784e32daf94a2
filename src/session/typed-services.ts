/**
 * The services with generated types. Empty here: each file `botojs types` writes adds its
 * service (`declare module 'botojs' { interface ServiceClients { s3: S3Client } }`), and
 * `client('s3')` / `resource('s3')` then return the typed interfaces. Without generated
 * files, every name takes the untyped overload (Client, ServiceResource), as before.
 */

/** Service name -> generated client interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface -- filled by declaration merging
export interface ServiceClients {}

/** Service name -> generated service resource interface. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface -- filled by declaration merging
export interface ServiceResources {}
