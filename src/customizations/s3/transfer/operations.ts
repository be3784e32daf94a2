/**
 * The five transfer operations in one module, so the client extension and the resource members
 * (loaded with every session) can require the implementation on the first transfer only.
 */
export { uploadFile, uploadFileobj } from './upload';
export { downloadFile, downloadFileobj } from './download';
export { copy } from './copy';
