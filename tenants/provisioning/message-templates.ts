import { z } from 'zod';
import type { Clock } from '../../core/clock';
import { TemplateKey } from '../../core/template-keys';
import { templateProblems } from '../../domain/notifications/templates';
import type { EntityManager } from '../../domain/ports/database';
import { MessageTemplate } from '../../schema/entities';
import { Locale } from '../../core/enums';

/**
 * A tenant's own wording of a message, in a tenant file. An HQ's templates
 * speak for its whole network; a store's override its HQ's for that store.
 * Placeholders are checked here, so a typo is refused with the file and the
 * line's path instead of reaching a customer as a blank.
 */
const noNul = (value: string) => !value.includes('\u0000');

const messageTemplateSpec = z
  .object({
    key: z.nativeEnum(TemplateKey, { error: () => `a template key: ${Object.values(TemplateKey).join(', ')}` }),
    locale: z.enum([Locale.ZH_CN, Locale.EN], { error: () => `a locale: ${Locale.ZH_CN} or ${Locale.EN}` }),
    subject: z
      .string()
      .refine(noNul, { message: 'must not contain a NUL character' })
      .transform((s) => s.trim()),
    // A YAML block scalar ends with a line break; the stored text does not, so re-applying compares equal.
    body: z
      .string()
      .refine(noNul, { message: 'must not contain a NUL character' })
      .transform((s) => s.trim()),
  })
  .strict()
  .superRefine((template, issues) => {
    for (const problem of templateProblems(template.key, template)) {
      issues.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  });

export const messageTemplatesSpec = z
  .array(messageTemplateSpec)
  .default([])
  .superRefine((templates, issues) => {
    const seen = new Set<string>();
    templates.forEach((template, index) => {
      const id = `${template.key} ${template.locale}`;
      if (seen.has(id)) issues.addIssue({ code: 'custom', path: [index, 'key'], message: `${template.key} in ${template.locale} appears twice` });
      seen.add(id);
    });
  });

export type MessageTemplateSpec = z.infer<typeof messageTemplateSpec>;

/**
 * Matched by key and locale and written only when the wording differs, so
 * re-applying a file changes nothing. A template the file no longer lists is
 * left in place, like the other rows a file does not own outright.
 */
export async function upsertMessageTemplate(em: EntityManager, tenantId: string, spec: MessageTemplateSpec, clock: Clock): Promise<string[]> {
  const name = `message template ${spec.key} (${spec.locale})`;
  const existing = await em.findOne(MessageTemplate, { tenantId, templateKey: spec.key, locale: spec.locale });
  if (!existing) {
    em.create(MessageTemplate, {
      tenantId,
      templateKey: spec.key,
      locale: spec.locale,
      subject: spec.subject,
      body: spec.body,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    return [`${name} created`];
  }
  const changed = (['subject', 'body'] as const).filter((field) => existing[field] !== spec[field]);
  if (changed.length === 0) return [];
  Object.assign(existing, { subject: spec.subject, body: spec.body, updatedAt: clock.now() });
  return [`${name} updated (${changed.join(', ')})`];
}
