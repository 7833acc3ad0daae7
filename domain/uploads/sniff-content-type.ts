import { UploadContentType } from '../../core/upload-enums';

/** The bytes needed to tell every accepted type apart (WebP's signature ends at byte 12). */
export const SNIFF_BYTES = 12;

/**
 * The type a file really has, from its first bytes (its "magic number"), or
 * null for anything else. A client's Content-Type is only a claim: an HTML
 * page sent as image/png would otherwise be served back as whatever the
 * browser guesses.
 */
export function sniffContentType(head: Buffer): UploadContentType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return UploadContentType.JPEG;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return UploadContentType.PNG;
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return UploadContentType.WEBP;
  if (head.toString('latin1', 0, 5) === '%PDF-') return UploadContentType.PDF;
  return null;
}

function startsWith(head: Buffer, signature: number[]): boolean {
  return head.length >= signature.length && signature.every((byte, index) => head[index] === byte);
}
