/** `botojs types`: declaration files for services, generated from their models (docs/types.md). */
export { generateTypes, serviceDeclarations, generationSession } from './generate';
export type { GenerateOptions, GenerateResult, GeneratedFile } from './generate';
export { scanServices } from './scan';
export type { ScanResult } from './scan';
