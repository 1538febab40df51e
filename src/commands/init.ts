import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { CommandContext } from '../context.js';
import { catalogueOf } from './common.js';

const CONFIG = `# Team defaults for crisis.
# \`crisis start\` uses these as answers (shown in the summary, not asked), so nobody
# types the brand name or the support address in the middle of an incident.
# An answers file (--answers) and --var override them.

# Values of the playbooks' variables, by variable id (see \`crisis show <playbook>\`).
variables:
  # brand: Acme
  # support_email: help@acme.example
  # support_phone: "+1 212 555 0142"
  # website: https://www.acme.example
  # signature: Julie

# Who holds each role, by role id.
people:
  # lead: Julie Martin
  # community: Karim
  # tech: Sam
  # support: Lea

# The time zone incidents show times in (IANA name), when neither --tz nor CRISIS_TZ
# gives one; default: this machine's.
# timezone: Europe/Paris

# Who is told of an incident, and how, by role id: slack, teams, discord or webhook
# (a URL) and email (an address or a list). A webhook URL is a secret and this file
# is shared: name an environment variable that holds it ($NAME) instead. E-mail goes
# through the server in CRISIS_SMTP_URL (smtps://user:password@host); without one,
# each e-mail is written as an .eml file in the incident folder.
# notify:
#   lead: { slack: $CRISIS_SLACK_LEAD, email: lead@acme.example }
#   management: { email: [ceo@acme.example] }
# smtp: { from: "Acme crisis <crisis@acme.example>" }
`;

/**
 * Everything in .crisis/ but the team defaults stays out of git: incident logs
 * hold names, customer figures and notes written in a hurry.
 */
const GITIGNORE = `# Written by crisis init: incident logs (incidents/) and anything else crisis
# keeps here stay out of version control; only the team defaults are shared.
*
!.gitignore
!config.yaml
`;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * `crisis init`: a commented `.crisis/config.yaml`, a `.crisis/.gitignore` that
 * keeps incident logs out of git, and a `playbooks/` folder; existing files are left alone.
 */
export async function run(ctx: CommandContext, _input: Record<string, never>): Promise<number> {
  const said: string[] = [];
  const w = catalogueOf(ctx).ui;
  const config = join(ctx.cwd, '.crisis', 'config.yaml');
  if (await exists(config)) {
    said.push(w.leftAsItIs('.crisis/config.yaml'));
  } else {
    await mkdir(join(ctx.cwd, '.crisis'), { recursive: true });
    await writeFileAtomic(config, CONFIG);
    said.push(w.createdConfig);
  }
  const ignore = join(ctx.cwd, '.crisis', '.gitignore');
  if (await exists(ignore)) {
    said.push(w.leftAsItIs('.crisis/.gitignore'));
  } else {
    await writeFileAtomic(ignore, GITIGNORE);
    said.push(w.createdIgnore);
  }
  const playbooks = join(ctx.cwd, 'playbooks');
  if (await exists(playbooks)) {
    said.push(w.leftAsItIs('playbooks/'));
  } else {
    await mkdir(playbooks, { recursive: true });
    said.push(w.createdPlaybooks);
  }
  ctx.stdout.write(`${said.join('\n')}\n\n${w.initNext}\n`);
  return 0;
}
