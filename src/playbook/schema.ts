/**
 * The playbook format, version 1, as one zod schema. It is the single source
 * of the TypeScript types, of the validator and of `crisis schema`.
 */
import * as z from 'zod';
import { parseDuration } from './duration.js';

import { QUESTION_TYPES, STAGES } from './kinds.js';
import { ID_PATTERN, LANG_PATTERN, PLAYBOOK_ID_PATTERN } from './names.js';

export { ID_PATTERN, LANG_PATTERN, PLAYBOOK_ID_PATTERN };
export const SUPPORTED_FORMATS = [1] as const;

const Id = z
  .string()
  .regex(ID_PATTERN, { message: 'must start with a lower-case letter and use only a-z, 0-9, "-" and "_"' });

/** A duration such as `15m` or `1h30m`; exported so error messages can recognise it. */
export const DurationSchema = z
  .string()
  .refine((v) => parseDuration(v) !== undefined, {
    message: 'is not a duration: write it like 15m, 1h, 1h30m, 90m, 2h or 1d',
  })
  .meta({ description: 'A duration such as 15m, 1h, 1h30m, 90m, 2h or 1d', pattern: '^(\\d+d)?(\\d+h)?(\\d+m)?$' });

const Text = z.string().min(1, { message: 'must not be empty' });
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const VariableSchema = z.strictObject({
  prompt: Text.meta({ description: 'Question shown to the operator' }),
  required: z.boolean().optional(),
  default: Scalar.optional(),
  example: Scalar.optional().meta({ description: 'A realistic value, used to render every message as a check' }),
  format: z.enum(['email', 'url', 'phone', 'text']).optional(),
});

export const RoleSchema = z.strictObject({
  title: Text,
  duties: z.array(Text).optional(),
  lead: z.boolean().optional().meta({ description: 'Marks the incident lead, whose person the report names; at most one role has it' }),
});

export const SeveritySchema = z.strictObject({
  id: Id,
  title: Text,
  when: Text.optional(),
  update_every: DurationSchema.optional(),
  notify: z.array(Id).optional(),
});

export const OptionSchema = z.union([
  z.string(),
  z.strictObject({ value: Scalar, label: Text }),
]);

export const ConditionSchema = z.record(z.string(), z.union([Scalar, z.array(Scalar)]));


export const StepSchema = z.strictObject({
  id: Id,
  check: Text.optional().meta({ description: 'A checklist item: done, skipped or not applicable' }),
  ask: Text.optional().meta({ description: 'A question; see type' }),
  announce: Id.optional().meta({ description: 'Id of a message rendered for each channel' }),
  info: Text.optional().meta({ description: 'A piece of advice; nothing to answer' }),
  type: z.enum(QUESTION_TYPES).optional(),
  options: z.array(OptionSchema).min(1, { message: 'needs at least one option' }).optional(),
  owner: Id.optional(),
  links: z.array(z.url({ message: 'must be a full URL such as https://example.com/page' })).optional(),
  when: ConditionSchema.optional(),
  save_as: Id.optional(),
  channels: z.array(z.string()).min(1).optional(),
  repeat: z.literal('cadence').optional(),
  on_no: z
    .union([z.strictObject({ end: z.literal('false-alarm') }), z.strictObject({ goto: Id })])
    .optional(),
  replies: z
    .array(Id)
    .min(1)
    .optional()
    .meta({ description: 'Ids of the private messages (reply macros) this step sends the team to; each is shown with the command that prints it' }),
});

export const PhaseSchema = z.strictObject({
  id: Id,
  title: Text,
  goal: Text.optional(),
  due: DurationSchema.optional().meta({ description: 'Deadline after detection' }),
  stage: z.enum(STAGES).optional().meta({
    description: 'What the phase is for: confirm, assess, communicate, redirect, monitor or resolve (default: the id, when it is one of these)',
  }),
  steps: z.array(StepSchema).min(1, { message: 'needs at least one step' }),
});

export const EmailTemplateSchema = z.strictObject({ subject: Text, body: Text });
export const ChannelTemplateSchema = z.union([z.string(), EmailTemplateSchema]);

export const MessageSchema = z.strictObject({
  title: Text.optional(),
  audience: z.enum(['public', 'private']).optional(),
  channels: z.record(z.string(), ChannelTemplateSchema),
});

export const ChannelSettingsSchema = z.strictObject({
  label: Text.optional(),
  limit: z.number().int().positive().optional(),
  max_segments: z.number().int().positive().optional(),
  subject_limit: z.number().int().positive().optional(),
});

export const PlaybookSchema = z
  .strictObject({
    format: z.literal(1, { message: 'unsupported format version; supported: 1 (write "format: 1")' }),
    id: z.string().regex(PLAYBOOK_ID_PATTERN, { message: 'must be kebab-case, such as messenger-down' }),
    lang: z.string().regex(LANG_PATTERN, { message: 'must be a language tag such as en or fr' }),
    title: Text,
    summary: Text.optional(),
    platform: Text.optional(),
    version: z.union([z.string(), z.number()]).optional(),
    variables: z.record(Id, VariableSchema).optional(),
    roles: z.record(Id, RoleSchema).refine((r) => Object.keys(r).length > 0, { message: 'needs at least one role' }),
    severities: z.array(SeveritySchema).min(1, { message: 'needs at least one severity' }),
    channels: z.record(Id, ChannelSettingsSchema).optional(),
    phases: z.array(PhaseSchema).min(1, { message: 'needs at least one phase' }),
    messages: z.record(Id, MessageSchema).optional(),
    follow_up: z.array(Text).optional(),
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
