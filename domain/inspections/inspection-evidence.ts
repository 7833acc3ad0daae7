import { UploadPurpose } from '../../core/upload-enums';
import { InspectionEvidence, InspectionResult, Upload } from '../../schema/entities';
import type { TenantContext } from '../context';
import { UserInputError } from '../errors';

/** Enough photos to show one item from every side; more belongs in another finding. */
export const MAX_PHOTOS_PER_FINDING = 10;

/** A finding whose photos the inspector gave: they replace its earlier ones. */
export interface GivenEvidence {
  result: InspectionResult;
  uploadIds: readonly string[];
  /** Where the ids were given in the input, for the refusal's `field`. */
  field: string[];
}

/**
 * Links each finding to its photos: the HQ's own INSPECTION_EVIDENCE uploads,
 * each evidence of one finding only. Checked for all the findings before
 * anything changes; the caller's transaction keeps it all or nothing.
 */
export async function replaceEvidence(ctx: TenantContext, given: readonly GivenEvidence[]): Promise<void> {
  if (!given.length) return;
  const wanted = [...new Set(given.flatMap((entry) => entry.uploadIds))];
  const uploads = wanted.length ? new Map((await ctx.em.find(Upload, { tenantId: ctx.tenantId, id: { $in: wanted } })).map((u) => [u.id, u])) : new Map();
  const linked = wanted.length
    ? new Map((await ctx.em.find(InspectionEvidence, { tenantId: ctx.tenantId, uploadId: { $in: wanted } })).map((link) => [link.uploadId, link]))
    : new Map<string, InspectionEvidence>();
  const claimed = new Set<string>();
  for (const entry of given) {
    if (entry.uploadIds.length > MAX_PHOTOS_PER_FINDING) {
      throw new UserInputError('TOO_MANY_PHOTOS', `A finding keeps at most ${MAX_PHOTOS_PER_FINDING} photos`, entry.field);
    }
    entry.uploadIds.forEach((uploadId, index) => {
      const field = [...entry.field, String(index)];
      const upload = uploads.get(uploadId);
      // Another tenant's upload (a store's, another network's) is not found, exactly like one that does not exist.
      if (!upload) throw new UserInputError('UPLOAD_NOT_FOUND', 'No such upload of yours', field);
      if (upload.purpose !== UploadPurpose.INSPECTION_EVIDENCE) {
        throw new UserInputError('UPLOAD_PURPOSE_MISMATCH', `Only INSPECTION_EVIDENCE uploads are evidence; this one is ${upload.purpose}`, field);
      }
      const elsewhere = linked.get(uploadId);
      if ((elsewhere && elsewhere.resultId !== entry.result.id) || claimed.has(uploadId)) {
        throw new UserInputError('UPLOAD_ALREADY_LINKED', 'The photo is already evidence of another finding', field);
      }
      claimed.add(uploadId);
    });
  }
  // A finding given for the first time must be written before its photos point at it; the old
  // links go first, so the new positions and a photo kept on its finding never collide with them.
  await ctx.em.flush();
  await ctx.em.nativeDelete(InspectionEvidence, { tenantId: ctx.tenantId, resultId: { $in: given.map((entry) => entry.result.id) } });
  const now = ctx.clock.now();
  for (const entry of given) {
    entry.uploadIds.forEach((uploadId, index) =>
      ctx.em.create(InspectionEvidence, {
        tenantId: ctx.tenantId,
        inspectionId: entry.result.inspectionId,
        resultId: entry.result.id,
        storeId: entry.result.storeId,
        uploadId,
        position: index + 1,
        linkedBy: ctx.principal.kind === 'USER' ? ctx.principal.id : null,
        linkedAt: now,
      }),
    );
  }
}

/**
 * The photos of several findings, in the inspector's order, in one statement.
 * The database decides what the caller sees: an HQ its own, a store those of
 * its own inspections once submitted.
 */
export async function evidenceOfResults(ctx: TenantContext, results: readonly InspectionResult[]): Promise<Upload[][]> {
  const rows = await ctx.em.execute<Record<string, unknown>[]>(
    `select u.*, e.result_id as evidence_of from inspection_evidence e
       join uploads u on u.tenant_id = e.tenant_id and u.id = e.upload_id
      where e.tenant_id in (?) and e.result_id in (?)
      order by e.position`,
    [[...new Set(results.map((r) => r.tenantId))], results.map((r) => r.id)],
  );
  const byResult = new Map<string, Upload[]>(results.map((r) => [r.id, []]));
  for (const { evidence_of: resultId, ...upload } of rows) byResult.get(resultId as string)?.push(ctx.em.map(Upload, upload));
  return results.map((r) => byResult.get(r.id) ?? []);
}
