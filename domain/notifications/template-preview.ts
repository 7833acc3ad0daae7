import { DateTime } from 'luxon';
import { Tenant } from '../../schema/entities';
import { Locale, TenantKind } from '../../core/enums';
import type { TenantContext } from '../context';
import { ticketPrefix } from '../ticket-records/ticket-number';
import { message } from './messages/catalogue';
import { readableParams } from './param-labels';
import { templatesInForce } from './template-admin.service';
import { TemplateKey } from '../../core/template-keys';
import { sampleValues } from './template-samples';
import { paramOfPlaceholder, placeholdersOf, RenderedMessage, renderTemplate, TemplateProblem, templateProblems } from './templates';

export interface TemplatePreview extends RenderedMessage {
  key: TemplateKey;
  locale: Locale;
  /** The wording previewed: the draft, with what it leaves out taken from the wording in force. */
  subjectTemplate: string;
  bodyTemplate: string;
  /** Why the draft would be refused; it is rendered anyway, so the editor sees both. */
  problems: TemplateProblem[];
  /** The values the placeholders were filled with, after labelling (as the recipient reads them). */
  values: { name: string; value: string }[];
}

export interface TemplateDraft {
  key: TemplateKey;
  locale: Locale;
  /** Absent: the wording in force. */
  subject?: string | null;
  body?: string | null;
}

/**
 * Renders a draft wording as the worker would send it: sample values for the
 * key's placeholders, labelled in the draft's language and the tenant's time
 * zone (`readableParams`), filled by the sender's renderer (`renderTemplate`).
 * Nothing is written.
 */
export async function previewTemplate(ctx: TenantContext, draft: TemplateDraft, links: { surveyUrl: string; statusUrl: string }): Promise<TemplatePreview> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const current = draft.subject == null || draft.body == null ? (await templatesInForce(ctx, { key: draft.key, locale: draft.locale }))[0].template : null;
  const wording = { subject: (draft.subject ?? current!.subject).trim(), body: (draft.body ?? current!.body).trim() };
  const now = ctx.clock.now();
  // An HQ's wording is read by its stores' customers: its preview speaks as a store would.
  const storeName = tenant.kind === TenantKind.HQ ? message(draft.locale, 'preview.sampleStore') : tenant.name;
  const ticketNumber = `${ticketPrefix(tenant.slug)}-${DateTime.fromJSDate(now, { zone: tenant.timeZone }).year}-000123`;
  const samples = sampleValues(draft.key, storeName, ticketNumber, {
    locale: draft.locale,
    timeZone: tenant.timeZone,
    now,
    surveyUrl: links.surveyUrl,
    statusUrl: links.statusUrl,
  });
  // Only what the key accepts is filled, as a sender would (an alias through its param); one it accepts without a sample
  // shows by name, never as a silent blank.
  const placeholders = placeholdersOf(draft.key);
  const params = Object.fromEntries(placeholders.map(paramOfPlaceholder).map((name) => [name, Object.hasOwn(samples, name) ? samples[name] : `[${name}]`]));
  const values = readableParams(params, draft.locale, tenant.timeZone);
  return {
    key: draft.key,
    locale: draft.locale,
    subjectTemplate: wording.subject,
    bodyTemplate: wording.body,
    ...renderTemplate(wording, values),
    problems: templateProblems(draft.key, wording),
    values: placeholders.map((name) => ({ name, value: values[name] })),
  };
}
