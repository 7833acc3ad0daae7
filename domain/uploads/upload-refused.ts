/**
 * Why an upload is not taken. Each reason has its HTTP status (the route
 * answers it in the API's error shape) and nothing of the file is kept.
 */
export type UploadRefusal =
  'INVALID_PURPOSE' | 'INVALID_FILENAME' | 'LENGTH_REQUIRED' | 'EMPTY' | 'TOO_LARGE' | 'UNSUPPORTED_TYPE' | 'TYPE_MISMATCH' | 'INCOMPLETE';

export const REFUSAL_STATUS: Readonly<Record<UploadRefusal, number>> = {
  INVALID_PURPOSE: 400,
  INVALID_FILENAME: 400,
  LENGTH_REQUIRED: 411,
  EMPTY: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  TYPE_MISMATCH: 415,
  INCOMPLETE: 400,
};

export class UploadRefused extends Error {
  constructor(
    readonly code: UploadRefusal,
    message: string,
  ) {
    super(message);
  }
}
