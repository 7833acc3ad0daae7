import { registerEnumType } from 'type-graphql';

/** What an upload is for: each purpose has its own size limit, accepted types and permission (domain/uploads/upload-purposes.ts). */
export enum UploadPurpose {
  /** A photo taken during HQ's quality inspection of a store. */
  INSPECTION_EVIDENCE = 'INSPECTION_EVIDENCE',
  /** A photo or a PDF (a receipt, a supplier's report) kept on a ticket. */
  TICKET_ATTACHMENT = 'TICKET_ATTACHMENT',
}

/**
 * The types an upload may have, as the media types they are served with.
 * The type is read from the file's first bytes, never taken from the client.
 */
export enum UploadContentType {
  JPEG = 'image/jpeg',
  PNG = 'image/png',
  WEBP = 'image/webp',
  PDF = 'application/pdf',
}

registerEnumType(UploadPurpose, {
  name: 'UploadPurpose',
  description: 'What an upload is for; it decides its size limit and accepted types.',
  valuesConfig: {
    INSPECTION_EVIDENCE: { description: 'A photo taken during a quality inspection (JPEG, PNG or WebP, up to 10 MiB).' },
    TICKET_ATTACHMENT: { description: 'A photo or a PDF kept on a ticket (JPEG, PNG, WebP or PDF, up to 20 MiB).' },
  },
});
