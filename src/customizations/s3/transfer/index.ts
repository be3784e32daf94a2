/**
 * S3 managed transfers (boto3's s3transfer): upload and download files and streams, multipart
 * above a threshold with bounded concurrency, copies via UploadPartCopy, progress callbacks,
 * cleanup on failure. Functions take the S3 client first; the client extension and the
 * resource members call them.
 */
export { TransferConfig, adjustChunksize, rangeFor, MB, KB, GB } from './config';
export type { TransferConfigOptions } from './config';
export { S3TransferFailedError, S3UploadFailedError, S3DownloadFailedError, S3ValidationError, RetriesExceededError } from './errors';
export { ALLOWED_UPLOAD_ARGS, ALLOWED_DOWNLOAD_ARGS, ALLOWED_COPY_ARGS } from './extra-args';
export { uploadFile, uploadFileobj } from './upload';
export { downloadFile, downloadFileobj } from './download';
export type { WritableLike } from './download';
export { copy } from './copy';
export type { CopySource } from './copy';
export type { TransferOptions, CopyOptions } from './types';
export type { ProgressCallback } from './progress';
export { progressBar } from './progress-bar';
export type { ProgressBar, ProgressBarOptions, ProgressStream } from './progress-bar';
export type { UploadInput } from './upload-sources';
export { s3TransferExtension } from './client-extension';
export type { S3TransferMethods } from './client-extension';
export { bucketTransferMethods, objectTransferMethods, transferMembers, installTransferResourceMembers } from './resource-methods';
export type { BucketTransferMethods, ObjectTransferMethods } from './resource-methods';
