import { statusPageUrl } from '../../domain/notifications/status-token';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { surveyUrl } from '../../domain/callbacks/survey-token';
import {
  resetMessageTemplate,
  setMessageTemplate,
  TemplateInForce,
  TemplateRejected,
  templatesInForce,
} from '../../domain/notifications/template-admin.service';
import { previewTemplate } from '../../domain/notifications/template-preview';
import type { TemplateProblem } from '../../domain/notifications/templates';
import { Permission } from '../../domain/permissions';
import {
  MessageTemplatePayload,
  MessageTemplatePreview,
  MessageTemplatePreviewArgs,
  MessageTemplatesArgs,
  MessageTemplateSource,
  MessageTemplateView,
  ResetMessageTemplateInput,
  SetMessageTemplateInput,
} from '../../schema/graphql/message-template.types';
import type { UserError } from '../../schema/graphql/user-error';
import { ApiContext, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';
import { SavingMutation } from '../graphql/saving-mutation';

const asUserErrors = (problems: TemplateProblem[]): UserError[] =>
  problems.map((p) => ({ field: [p.field], code: p.code, message: `${p.field} ${p.message}` }));

function toView(found: TemplateInForce): MessageTemplateView {
  return {
    key: found.key,
    locale: found.locale,
    subject: found.template.subject,
    body: found.template.body,
    source: found.source as MessageTemplateSource,
    inherited: { ...found.inherited.template, source: found.inherited.source as MessageTemplateSource },
    ownOverride: found.own
      ? { subject: found.own.subject, body: found.own.body, updatedAt: found.own.updatedAt, problems: asUserErrors(found.own.problems) }
      : null,
    placeholders: [...found.placeholders],
    requiredPlaceholders: [...found.requiredPlaceholders],
  };
}

/** A refused wording answers every problem it has, each with its field, not only the first; any other refusal is answered by the API. */
async function saving(run: () => Promise<TemplateInForce>): Promise<MessageTemplatePayload> {
  try {
    return { template: toView(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof TemplateRejected) return { template: null, userErrors: asUserErrors(error.problems) };
    throw error;
  }
}

@Resolver()
export class MessageTemplateResolver {
  @Query(() => [MessageTemplateView], {
    description:
      "Every message in zh-CN and en with the caller's wording in force, where it comes from, and what a reset would give. Not paged: one entry per key and locale.",
  })
  @Requires(Permission.MESSAGE_TEMPLATE_READ)
  async messageTemplates(@Args() args: MessageTemplatesArgs, @Ctx() ctx: ApiContext): Promise<MessageTemplateView[]> {
    return (await templatesInForce(tenantOf(ctx), args)).map(toView);
  }

  @Query(() => MessageTemplatePreview, {
    description: 'Renders a draft wording (or the one in force) with sample values, as the worker would send it; nothing is saved.',
  })
  @Requires(Permission.MESSAGE_TEMPLATE_READ)
  async messageTemplatePreview(@Args() args: MessageTemplatePreviewArgs, @Ctx() ctx: ApiContext): Promise<MessageTemplatePreview> {
    const preview = await previewTemplate(tenantOf(ctx), args, {
      surveyUrl: surveyUrl(ctx.deps.config.PUBLIC_BASE_URL, 'sample-survey-token'),
      statusUrl: statusPageUrl(ctx.deps.config.PUBLIC_BASE_URL, 'sample-status-token'),
    });
    return { ...preview, problems: asUserErrors(preview.problems) };
  }

  @Mutation(() => MessageTemplatePayload, {
    description: "Sets the caller's own wording of a message (an HQ's applies to its whole network, a store's to itself); audited.",
  })
  @Requires(Permission.MESSAGE_TEMPLATE_MANAGE)
  @ReturnsUserErrors()
  setMessageTemplate(@Arg('input') input: SetMessageTemplateInput, @Ctx() ctx: ApiContext): Promise<MessageTemplatePayload> {
    return saving(() => setMessageTemplate(tenantOf(ctx), input));
  }

  @SavingMutation(
    () => MessageTemplatePayload,
    "Drops the caller's own wording: HQ's or the built-in default applies again; audited.",
    Permission.MESSAGE_TEMPLATE_MANAGE,
  )
  resetMessageTemplate(@Arg('input') input: ResetMessageTemplateInput, @Ctx() ctx: ApiContext): Promise<MessageTemplatePayload> {
    return saving(() => resetMessageTemplate(tenantOf(ctx), input));
  }
}
