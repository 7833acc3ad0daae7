import { ArgsType, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { TemplateKey } from '../../core/template-keys';
import { Locale } from '../../core/enums';
import { UserError } from './user-error';
import { PayloadWith } from './payload';

registerEnumType(TemplateKey, { name: 'MessageTemplateKey', description: 'What a message is for; each has its wording per locale.' });

export enum MessageTemplateSource {
  OWN = 'OWN',
  HQ = 'HQ',
  DEFAULT = 'DEFAULT',
}
registerEnumType(MessageTemplateSource, {
  name: 'MessageTemplateSource',
  description: "Where a wording comes from: the caller's own, its HQ's (the network's default), or the built-in default.",
});

@ObjectType({ description: 'A wording and where it comes from.' })
export class MessageTemplateWording {
  @Field({ description: 'The subject line, with `{{placeholders}}`.' }) subject!: string;
  @Field({ description: 'The plain-text body, with `{{placeholders}}`.' }) body!: string;
  @Field(() => MessageTemplateSource, { description: 'OWN, HQ or DEFAULT.' }) source!: MessageTemplateSource;
}

@ObjectType({ description: "The caller's own stored wording of a message." })
export class MessageTemplateOverride {
  @Field({ description: 'The subject line.' }) subject!: string;
  @Field({ description: 'The body.' }) body!: string;
  @Field({ description: 'When it was last set.' }) updatedAt!: Date;

  @Field(() => [UserError], {
    description:
      'What is wrong with it under the current rules (e.g. a placeholder that became required). Non-empty: the sender passes it over for the wording underneath.',
  })
  problems!: UserError[];
}

@ObjectType('MessageTemplate', { description: 'One message in one locale: the wording in force, what it falls back to, and what it may mention.' })
export class MessageTemplateView {
  @Field(() => TemplateKey, { description: 'What the message is for.' }) key!: TemplateKey;
  @Field(() => Locale, { description: 'Its language.' }) locale!: Locale;
  @Field({ description: 'The subject in force: what the next message will say.' }) subject!: string;
  @Field({ description: 'The body in force.' }) body!: string;
  @Field(() => MessageTemplateSource, { description: 'Where the wording in force comes from.' }) source!: MessageTemplateSource;

  @Field(() => MessageTemplateWording, { description: "What a reset would leave in force: HQ's wording (for a store), else the built-in default." })
  inherited!: MessageTemplateWording;
  @Field(() => MessageTemplateOverride, { nullable: true, description: "The caller's own stored wording, if any (even one passed over)." })
  ownOverride!: MessageTemplateOverride | null;

  @Field(() => [String], { description: 'The placeholders the key accepts, as `name` for `{{name}}`.' }) placeholders!: string[];
  @Field(() => [String], { description: 'The placeholders every wording of the key must mention.' }) requiredPlaceholders!: string[];
}

@ArgsType()
export class MessageTemplatesArgs {
  @Field(() => TemplateKey, { nullable: true, description: 'Only this message; absent: every one.' }) key?: TemplateKey | null;
  @Field(() => Locale, { nullable: true, description: 'Only this locale; absent: zh-CN and en.' }) locale?: Locale | null;
}

@ArgsType()
export class MessageTemplatePreviewArgs {
  @Field(() => TemplateKey, { description: 'The message.' }) key!: TemplateKey;
  @Field(() => Locale, { description: 'The language to render in (labels, dates).' }) locale!: Locale;
  @Field(() => String, { nullable: true, description: 'The draft subject; absent: the subject in force.' }) subject?: string | null;
  @Field(() => String, { nullable: true, description: 'The draft body; absent: the body in force.' }) body?: string | null;
}

@ObjectType({ description: 'A placeholder and the sample value a preview filled it with.' })
export class MessageTemplateSampleValue {
  @Field({ description: 'The placeholder, as `name` for `{{name}}`.' }) name!: string;
  @Field({ description: 'The value, as the recipient reads it.' }) value!: string;
}

@ObjectType({ description: 'A draft wording rendered with sample values, as the worker would send it. Nothing is saved.' })
export class MessageTemplatePreview {
  @Field(() => TemplateKey, { description: 'The message.' }) key!: TemplateKey;
  @Field(() => Locale, { description: 'The language rendered in.' }) locale!: Locale;
  @Field({ description: 'The rendered subject line.' }) subject!: string;
  @Field({ description: 'The rendered body (plain text).' }) text!: string;

  @Field(() => [UserError], { description: 'Why saving this draft would be refused (the same codes as `setMessageTemplate`); empty: it would be accepted.' })
  problems!: UserError[];
  @Field(() => [MessageTemplateSampleValue], { description: 'The sample value of each placeholder the message accepts.' })
  values!: MessageTemplateSampleValue[];
}

@InputType({ description: "The caller's own wording of a message in one locale." })
export class SetMessageTemplateInput {
  @Field(() => TemplateKey, { description: 'The message.' }) key!: TemplateKey;
  @Field(() => Locale, { description: 'The language.' }) locale!: Locale;
  @Field({ description: 'One line, at most 200 characters, with `{{placeholders}}` the key accepts.' }) subject!: string;
  @Field({ description: 'Plain text, at most 4000 characters; must mention the required placeholders.' }) body!: string;
}

@InputType({ description: 'A message whose own wording is dropped.' })
export class ResetMessageTemplateInput {
  @Field(() => TemplateKey, { description: 'The message.' }) key!: TemplateKey;
  @Field(() => Locale, { description: 'The language.' }) locale!: Locale;
}

@ObjectType({ description: 'Result of setting or resetting a wording.' })
export class MessageTemplatePayload extends PayloadWith(
  'template',
  () => MessageTemplateView,
  'The message as it now stands.',
  'Why nothing was saved, one per problem: UNKNOWN_PLACEHOLDER, MALFORMED_PLACEHOLDER, MISSING_PLACEHOLDER, SUBJECT_MULTILINE, TOO_LONG, EMPTY, with `field` [subject] or [body].',
) {}
