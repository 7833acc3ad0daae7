import type { TenantContext } from '../context';
import type { UserInputError } from '../errors';
import type { SlaTemplate } from './sla-template-file';
import { readTemplateDraft } from './standard.service';
import { diffTemplates, TemplateDiff } from './template-diff';

export interface TemplatePreview {
  /** The draft as it would be published. */
  template: SlaTemplate;
  /** The version in force, null when none was published yet. */
  currentVersion: number | null;
  diff: TemplateDiff;
  /** Why publishing would still refuse it (another owner, a version not newer); null: it would be published. */
  refusal: UserInputError | null;
}

/**
 * HQ sees what publishing a draft would change before it does: the draft is
 * read exactly as `publishSlaTemplate` reads it (a file that cannot be read is
 * refused with the same code and message) and compared with the version in
 * force. Nothing is written.
 */
export async function previewTemplate(ctx: TenantContext, definition: string): Promise<TemplatePreview> {
  const draft = await readTemplateDraft(ctx, definition);
  return {
    template: draft.template,
    currentVersion: draft.inForce?.template.version ?? null,
    diff: diffTemplates(draft.inForce?.template ?? null, draft.template),
    refusal: draft.refusal,
  };
}
