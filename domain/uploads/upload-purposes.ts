import { UploadContentType, UploadPurpose } from '../../core/upload-enums';
import { Permission } from '../permissions';

const MIB = 1024 * 1024;
const PHOTOS = [UploadContentType.JPEG, UploadContentType.PNG, UploadContentType.WEBP] as const;

/** What each purpose accepts, and who may upload it and read it back. */
export interface PurposeRules {
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  types: readonly UploadContentType[];
  upload: Permission;
  read: Permission;
}

/**
 * A phone's photo is a few MiB (10 MiB leaves room for a large sensor's
 * JPEG); a scanned receipt or a supplier's report in PDF may run larger.
 * Inspection evidence is HQ's; a ticket's attachments are the desk's, read by
 * whoever reads the ticket.
 */
export const PURPOSE_RULES: Readonly<Record<UploadPurpose, PurposeRules>> = {
  [UploadPurpose.INSPECTION_EVIDENCE]: { maxBytes: 10 * MIB, types: PHOTOS, upload: Permission.EVIDENCE_UPLOAD, read: Permission.EVIDENCE_UPLOAD },
  [UploadPurpose.TICKET_ATTACHMENT]: {
    maxBytes: 20 * MIB,
    types: [...PHOTOS, UploadContentType.PDF],
    upload: Permission.TICKET_WORK,
    read: Permission.TICKET_READ,
  },
};

export function purposeOf(value: unknown): UploadPurpose | null {
  return Object.values(UploadPurpose).find((purpose) => purpose === value) ?? null;
}
