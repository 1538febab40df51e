/**
 * The playbook format, version 1, as one zod schema. It is the single source
 * of the TypeScript types, of the validator and of `crisis schema`.
 */
import * as z from 'zod';
import { parseDuration } from './duration.js';
import { normaliseUrl } from './formats.js';

import { QUESTION_TYPES, STAGES } from './kinds.js';
import { ID_PATTERN, LANG_PATTERN, PLAYBOOK_ID_PATTERN } from './names.js';

export { ID_PATTERN, LANG_PATTERN, PLAYBOOK_ID_PATTERN };
export const SUPPORTED_FORMATS = [1] as const;

/**
 * The schema's own messages are keys of the catalogue's `authoring.schema`
 * (issues.ts says them in the playbook's language).
 */
const Id = z
  .string()
  .regex(ID_PATTERN, { message: 'idPattern' });

/** A duration such as `15m` or `1h30m`; exported so error messages can recognise it. */
export const DurationSchema = z
  .string()
  .refine((v) => parseDuration(v) !== undefined, {
    message: 'duration',
  })
  .meta({ description: 'A duration such as 15m, 1h, 1h30m, 90m, 2h or 1d', pattern: '^(\\d+d)?(\\d+h)?(\\d+m)?$' });

const Text = z.string().min(1, { message: 'notEmpty' });
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const VariableSchema = z.strictObject({
  prompt: Text.meta({ description: 'Question shown to the operator' }),
  required: z.boolean().optional().meta({ description: 'Whether the incident needs a value (default false)' }),
  default: Scalar.optional().meta({ description: 'Value used when the operator gives none' }),
  example: Scalar.optional().meta({ description: 'A realistic value, used to render every message as a check' }),
  format: z.enum(['email', 'url', 'phone', 'text']).optional().meta({ description: 'Checked when the value is given: email, url, phone or text (default)' }),
}).transform(normaliseDefaults);

/**
 * A url variable's `default:` and `example:` kept as the prompt keeps a typed
 * value: `acme.example` becomes `https://acme.example`, so the incident, the
 * examples and the prompt all see one address.
 */
function normaliseDefaults<V extends { format?: string | undefined; default?: string | number | boolean | undefined; example?: string | number | boolean | undefined }>(variable: V): V {
  if (variable.format !== 'url') return variable;
  const kept = { ...variable };
  for (const key of ['default', 'example'] as const) {
    const value = kept[key];
    if (typeof value === 'string') kept[key] = (normaliseUrl(value) ?? value) as V[typeof key];
  }
  return kept;
}

export const RoleSchema = z.strictObject({
  title: Text.meta({ description: 'What the role is called, shown next to the person' }),
  duties: z.array(Text).optional().meta({ description: 'What the role does, one line each' }),
  lead: z.boolean().optional().meta({ description: 'Marks the incident lead, whose person the report names; at most one role has it' }),
});

export const SeveritySchema = z.strictObject({
  id: Id.meta({ description: 'Severity id, used in conditions (when: { severity: ... })' }),
  title: Text.meta({ description: 'Name of the level, shown and reported' }),
  when: Text.optional().meta({ description: 'How to recognise this level' }),
  update_every: DurationSchema.optional().meta({ description: 'Cadence of public updates at this level (30m, 1h, 2h)' }),
  notify: z.array(Id).optional().meta({ description: 'Role ids to alert when this level is chosen' }),
});

export const OptionSchema = z.union([
  z.string(),
  z.strictObject({ value: Scalar.meta({ description: 'What is recorded and matched by when:' }), label: Text.meta({ description: 'What the operator sees; may use templates' }) }),
]);

export const ConditionSchema = z.record(z.string(), z.union([Scalar, z.array(Scalar)]));


export const StepSchema = z.strictObject({
  id: Id.meta({ description: 'Step id, unique across the playbook' }),
  check: Text.optional().meta({ description: 'A checklist item: done, skipped or not applicable' }),
  ask: Text.optional().meta({ description: 'A question; see type' }),
  announce: Id.optional().meta({ description: 'Id of a message rendered for each channel' }),
  info: Text.optional().meta({ description: 'A piece of advice; nothing to answer' }),
  type: z.enum(QUESTION_TYPES).optional().meta({ description: 'Question type: confirm, choice, multi, text, number, datetime or severity' }),
  options: z.array(OptionSchema).min(1, { message: 'oneOption' }).optional().meta({ description: 'Answers of a choice or multi question: strings, or { value, label }' }),
  owner: Id.optional().meta({ description: 'Role id responsible for the step' }),
  links: z.array(z.url({ message: 'fullUrl' })).optional().meta({ description: 'URLs shown with the step' }),
  when: ConditionSchema.optional().meta({ description: 'The step applies only if every entry matches: save_as names (or severity) to a value or a list of values' }),
  save_as: Id.optional().meta({ description: 'Name under which the answer is available to templates and conditions' }),
  channels: z.array(z.string()).min(1).optional().meta({ description: 'Channels to render (default: every channel the message defines)' }),
  repeat: z.literal('cadence').optional().meta({ description: 'cadence: offer the message again every update_every of the current severity until resolution' }),
  on_no: z
    .union([
      z.strictObject({ end: z.literal('false-alarm').meta({ description: 'End the incident as a false alarm' }) }),
      z.strictObject({ goto: Id.meta({ description: 'Step id to go to' }) }),
    ])
    .optional()
    .meta({ description: 'What a "no" to a confirm question does' }),
  replies: z
    .array(Id)
    .min(1)
    .optional()
    .meta({ description: 'Ids of the private messages (reply macros) this step sends the team to; each is shown with the command that prints it' }),
});

export const PhaseSchema = z.strictObject({
  id: Id.meta({ description: 'Phase id; free (the stage says what the phase is for)' }),
  title: Text.meta({ description: 'Phase title, shown and reported' }),
  goal: Text.optional().meta({ description: 'One line shown when the phase starts' }),
  due: DurationSchema.optional().meta({ description: 'Deadline after detection' }),
  stage: z.enum(STAGES).optional().meta({
    description: 'What the phase is for: confirm, assess, communicate, redirect, monitor or resolve (default: the id, when it is one of these)',
  }),
  steps: z.array(StepSchema).min(1, { message: 'oneStep' }).meta({ description: 'The steps, walked in order' }),
});

export const EmailTemplateSchema = z.strictObject({ subject: Text.meta({ description: 'E-mail subject template' }), body: Text.meta({ description: 'E-mail body template' }) });
export const ChannelTemplateSchema = z.union([z.string(), EmailTemplateSchema]);

export const MessageSchema = z.strictObject({
  title: Text.optional().meta({ description: 'What the message is, shown and reported' }),
  audience: z.enum(['public', 'private']).optional().meta({ description: 'public (default) or private (a reply to one customer)' }),
  channels: z.record(z.string(), ChannelTemplateSchema).meta({ description: 'Template per channel id; default is used for any channel not defined' }),
});

export const ChannelSettingsSchema = z.strictObject({
  label: Text.optional().meta({ description: 'Name shown for the channel' }),
  limit: z.number().int().positive().optional().meta({ description: 'Most characters a text may have' }),
  max_segments: z.number().int().positive().optional().meta({ description: 'SMS: most segments a text may take (default 2)' }),
  subject_limit: z.number().int().positive().optional().meta({ description: 'E-mail: most characters of the subject' }),
});

export const PlaybookSchema = z
  .strictObject({
    format: z.literal(1, { message: 'formatVersion' }).meta({ description: 'Format version: 1' }),
    id: z.string().regex(PLAYBOOK_ID_PATTERN, { message: 'playbookId' }).meta({ description: 'Name used on the command line, kebab-case: crisis start messenger-down' }),
    lang: z.string().regex(LANG_PATTERN, { message: 'langTag' }).meta({ description: "Language of the texts (en, fr, ...): picks date formatting, typography and the program's words" }),
    title: Text.meta({ description: 'One line' }),
    summary: Text.optional().meta({ description: 'When to use this playbook' }),
    platform: Text.optional().meta({ description: 'The third-party service concerned, e.g. Facebook Messenger' }),
    version: z.union([z.string(), z.number()]).optional().meta({ description: "The playbook's own version, recorded with each incident" }),
    variables: z.record(Id, VariableSchema).optional().meta({ description: 'Values asked when an incident starts, usable in every template' }),
    roles: z.record(Id, RoleSchema).refine((r) => Object.keys(r).length > 0, { message: 'oneRole' }).meta({ description: 'Who does what, by role id' }),
    severities: z.array(SeveritySchema).min(1, { message: 'oneSeverity' }).meta({ description: 'Severity levels, least severe first' }),
    channels: z.record(Id, ChannelSettingsSchema).optional().meta({ description: 'Overrides of the channel catalogue (label, limits), or new channels with a limit' }),
    phases: z.array(PhaseSchema).min(1, { message: 'onePhase' }).meta({ description: 'Phases, walked in order' }),
    messages: z.record(Id, MessageSchema).optional().meta({ description: 'Templates for public channels and private replies' }),
    follow_up: z.array(Text).optional().meta({ description: 'Preventive actions proposed in the post-mortem' }),
  })
  .meta({ title: 'crisis playbook, format 1' });

export type Playbook = z.infer<typeof PlaybookSchema>;
export type Variable = z.infer<typeof VariableSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type Phase = z.infer<typeof PhaseSchema>;
export type Step = z.infer<typeof StepSchema>;
export type StepOption = z.infer<typeof OptionSchema>;
export type Message = z.infer<typeof MessageSchema>;
export type ChannelTemplate = z.infer<typeof ChannelTemplateSchema>;
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;
export type Condition = z.infer<typeof ConditionSchema>;

/** The JSON Schema of the format, for editors (yaml-language-server). */
export function playbookJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlaybookSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return schema;
}
