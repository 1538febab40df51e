/**
 * `crisis completion bash|zsh|fish`: the shell's completion script, and
 * `crisis complete -- <words>`, which that script calls at each Tab. The
 * scripts and the protocol are @bomb.sh/tab's; the commands and options come
 * from the parser itself (its commander adapter), and the values from the
 * live data: playbook ids, incident ids, message ids and channels.
 */
import { buildProgram } from '../cli.js';
import type { CommandContext } from '../context.js';
import { findPlaybooks } from '../playbook/find.js';
import type { Playbook } from '../playbook/schema.js';
import { listIncidents } from '../incident/store.js';
import { dataDirFor, loadPlaybook, playbookOfIncident } from './common.js';

/**
 * The bash script reads the words through the bash-completion package's
 * _get_comp_words_by_ref; where that package is missing (minimal systems,
 * containers), the words as bash itself splits them do.
 */
const BASH_WITHOUT_BASH_COMPLETION = `# the words being completed, where the bash-completion package is not loaded
if ! declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref() {
        cur="\${COMP_WORDS[COMP_CWORD]}"
        prev="\${COMP_WORDS[COMP_CWORD-1]}"
        words=("\${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    }
fi

`;

/** What `crisis completion` and `crisis complete` take from the command line. */
export interface CompletionInput {
  /** bash, zsh or fish (the script); absent for a completion request. */
  shell?: string | undefined;
  /** The words typed so far, for a completion request (`crisis complete -- ...`). */
  words?: string[] | undefined;
}

/** The live values offered. */
interface Values {
  playbooks: [string, string][];
  langs: string[];
  incidents: [string, string][];
  messages: [string, string][];
  channels: string[];
}

const INCIDENT_ARGS: Record<string, string> = {
  status: 'incident',
  resume: 'incident',
  resolve: 'incident',
  reopen: 'incident',
  undo: 'incident',
  discard: 'incident',
  report: 'incident',
  timeline: 'incident',
  page: 'incident',
  notify: 'incident',
};
const PLAYBOOK_ARGS: Record<string, string> = { show: 'playbook', start: 'playbook', answers: 'playbook' };

export async function run(ctx: CommandContext, input: CompletionInput): Promise<number> {
  const { default: tab } = await import('@bomb.sh/tab/commander');
  // the parser as the user has it, without these two commands, which the adapter declares itself
  const program = buildProgram(async () => undefined);
  const own = program.commands.filter((c) => c.name() === 'completion' || c.name() === 'complete');
  const commands = program.commands as unknown as unknown[];
  for (const c of own) commands.splice(commands.indexOf(c), 1);
  const root = tab(program as unknown as Parameters<typeof tab>[0], { completionCommandName: 'completion' });

  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.map(String).join(' '));
  try {
    if (input.words === undefined) {
      root.setup('crisis', 'crisis', input.shell ?? '');
    } else {
      const values = await liveValues(withGlobals(ctx, input.words));
      attach(root, values);
      root.parse(input.words);
    }
  } finally {
    console.log = log;
  }
  const script = lines.map((l) => `${l}\n`).join('');
  ctx.stdout.write(input.words === undefined && input.shell === 'bash' ? `${BASH_WITHOUT_BASH_COMPLETION}${script}` : script);
  return 0;
}

/** `--data-dir` and `--playbooks` typed on the line count for the values offered. */
function withGlobals(ctx: CommandContext, words: string[]): CommandContext {
  const dataDir = words[words.indexOf('--data-dir') + 1];
  const playbooks = words.flatMap((w, i) => (w === '--playbooks' && words[i + 1] ? [words[i + 1] as string] : []));
  return { ...ctx, ...(words.includes('--data-dir') && dataDir ? { dataDir } : {}), playbookDirs: [...playbooks, ...ctx.playbookDirs] };
}

async function liveValues(ctx: CommandContext): Promise<Values> {
  const entries = await findPlaybooks({ cwd: ctx.cwd, env: ctx.env, playbookDirs: ctx.playbookDirs }).catch(() => []);
  const playbooks = new Map<string, string>();
  for (const e of entries) if (!playbooks.has(e.id)) playbooks.set(e.id, e.title);
  const summaries = await listIncidents(dataDirFor(ctx)).catch(() => []);
  const shown = summaries.filter((s) => s.state && s.state.state !== 'discarded');
  const incidents = shown.map((s): [string, string] => [s.id, `${s.state?.state ?? ''} ${s.state?.title ?? ''}`.trim()]);
  // messages and channels of the open incidents' playbooks, else of every playbook found
  const open = shown.filter((s) => s.state?.state === 'open');
  const sources: Playbook[] = [];
  for (const s of open) {
    if (s.state) sources.push(await playbookOfIncident(ctx, s.state).catch(() => undefined as unknown as Playbook));
  }
  if (!sources.filter(Boolean).length) {
    for (const e of entries) sources.push(await loadPlaybook(ctx, e.file).then((l) => l.playbook).catch(() => undefined as unknown as Playbook));
  }
  const messages = new Map<string, string>();
  const channels = new Set<string>();
  for (const p of sources.filter(Boolean)) {
    for (const [id, m] of Object.entries(p.messages ?? {})) {
      if (!messages.has(id)) messages.set(id, m.title ?? '');
      for (const c of Object.keys(m.channels)) if (c !== 'default') channels.add(c);
    }
  }
  return { playbooks: [...playbooks], langs: [...new Set(entries.map((e) => e.lang))], incidents, messages: [...messages], channels: [...channels] };
}

type Root = ReturnType<typeof import('@bomb.sh/tab/commander').default>;
type Complete = (value: string, description: string) => void;

/** The handlers that offer the live values, on the arguments and options that take them. */
function attach(root: Root, v: Values): void {
  const offer = (pairs: [string, string][]) => (complete: Complete) => {
    for (const [value, description] of pairs) complete(value, description);
  };
  const plain = (values: string[]) => offer(values.map((x) => [x, '']));
  const argument = (command: string, name: string, handler: (complete: Complete) => void) => {
    const arg = root.commands.get(command)?.arguments.get(name);
    if (arg) arg.handler = handler;
  };
  const option = (command: string, name: string, handler: (complete: Complete) => void) => {
    const opt = root.commands.get(command)?.options.get(name);
    if (opt) opt.handler = handler;
  };
  for (const [command, name] of Object.entries(INCIDENT_ARGS)) argument(command, name, offer(v.incidents));
  for (const [command, name] of Object.entries(PLAYBOOK_ARGS)) argument(command, name, offer(v.playbooks));
  // log: an incident id may come first; announce: [incident] [message]
  argument('log', 'words', offer(v.incidents));
  argument('announce', 'args', offer([...v.incidents, ...v.messages]));
  option('announce', 'channel', plain(v.channels));
  option('announce', 'playbook', offer(v.playbooks));
  option('new', 'from', offer(v.playbooks));
  for (const command of ['show', 'start', 'new', 'announce', 'answers']) option(command, 'lang', plain(v.langs));
}
