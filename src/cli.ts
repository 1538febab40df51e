/**
 * The command line: declares commands and options with commander and
 * lazy-imports each command's module, so start-up stays close to Node's own.
 * Only `run` prints errors and sets the exit code.
 */
import { readFileSync } from 'node:fs';
import { Argument, Command, CommanderError, Option } from '@commander-js/extra-typings';
import { ExitCode, UserError } from './errors.js';
import type { CommandContext } from './context.js';
import { colorEnabled } from './ui/color-choice.js';
import { sanitizedStream } from './ui/sanitize.js';
import { VERSION } from './version.js';

/** A command module: its `run` takes the context and the typed input commander parsed for it. */
export interface CommandModule<I> {
  run: (ctx: CommandContext, input: I) => Promise<number | void>;
}

/**
 * What an action does with its parsed input: the command's name, its module's
 * loader and the input. The input's type is checked against the module's
 * `run` at compile time, so a declaration and its command cannot drift apart.
 */
export type Dispatch = <I>(name: string, load: () => Promise<CommandModule<I>>, input: I) => Promise<void>;

/** The global options, as commander parses them on the program. */
export interface GlobalOptions {
  dataDir?: string | undefined;
  playbooks?: string[] | undefined;
  color?: boolean | undefined;
  debug?: true | undefined;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const examples = (lines: string[]): string => `\nExamples:\n${lines.map((e) => `  $ ${e}`).join('\n')}`;

/** Builds the program; each action hands its typed input to `dispatch`. */
export function buildProgram(dispatch: Dispatch) {
  const program = new Command('crisis')
    .description('Run a contingency playbook when a platform your customers use goes down.')
    .version(VERSION, '-v, --version', 'print the version')
    // -V, as before -v existed
    .addOption(new Option('-V').hideHelp())
    .option('--data-dir <dir>', 'where incidents are kept (also CRISIS_HOME)')
    .option('--playbooks <dir>', 'an extra folder of playbooks, may be repeated (also CRISIS_PLAYBOOKS)', collect)
    .option('--no-color', 'plain output without colours (also NO_COLOR)')
    .option('--debug', 'show stack traces of errors')
    .showSuggestionAfterError(true)
    // a fixed width keeps help identical everywhere, so the build can store it (see renderHelp)
    .configureHelp({ sortSubcommands: false, helpWidth: 80 })
    .addHelpText(
      'after',
      `
Examples:
  $ crisis start messenger-down          guided run, announcements ready to paste
  $ crisis status                        where the open incident stands
  $ crisis log "Support inbox at 340"    add a note from another terminal
  $ crisis report > post-mortem.md       the post-mortem, afterwards
  $ crisis validate playbooks/           lint your own playbooks (CI)

Environment:
  CRISIS_CACHE_DIR   where checked playbooks are kept, so that unchanged ones
                     load at once (default: the user's cache folder, such as
                     ~/.cache/crisis)
  CRISIS_NO_CACHE=1  always parse and check playbooks in full`,
    );

  program
    .command('list')
    .description('list the playbooks found: id, language, title and where each comes from')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['crisis list', 'crisis list --json']))
    .action((opts) => dispatch('list', () => import('./commands/list.js'), opts));

  program
    .command('show')
    .description('show a playbook: phases, steps, owners, deadlines, severities and messages')
    .argument('<playbook>', 'playbook id or path to a playbook file')
    .option('--lang <lang>', 'language of the playbook (en, fr, ...)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['crisis show messenger-down', 'crisis show whatsapp-down --lang fr']))
    .action((playbook, opts) => dispatch('show', () => import('./commands/show.js'), { playbook, ...opts }));

  program
    .command('validate')
    .description('check playbooks: format, references, and every message rendered for every channel')
    .argument('[paths...]', 'files or folders (default: every playbook found)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['crisis validate', 'crisis validate playbooks/ my-playbook.en.yaml --json']))
    .addHelpText(
      'after',
      `
Messages are rendered with the variables' examples at a fixed moment (a
Wednesday in September, 12:58), so the verdict does not change with the day.
Unchanged playbooks are not checked twice: see CRISIS_NO_CACHE in crisis --help.`,
    )
    .action((paths, opts) => dispatch('validate', () => import('./commands/validate.js'), { paths, ...opts }));

  program
    .command('init')
    .description('create .crisis/ with a commented config.yaml, and playbooks/, in the current folder')
    .addHelpText('after', examples(['crisis init']))
    .action(() => dispatch('init', () => import('./commands/init.js'), {}));

  program
    .command('new')
    .description('write a new playbook into ./playbooks/, starting from a built-in one')
    .argument('<id>', 'id of the new playbook (kebab-case)')
    .option('--from <playbook>', 'playbook to start from', 'messenger-down')
    .option('--lang <lang>', 'language of the new playbook')
    .option('--force', 'overwrite an existing file')
    .addHelpText('after', examples(['crisis new instagram-down --from messenger-down', 'crisis new panne-site --from messenger-down --lang fr']))
    .action((id, opts) => dispatch('new', () => import('./commands/new.js'), { id, ...opts }));

  program
    .command('schema')
    .description('print the JSON Schema of the playbook format, for editors')
    .addHelpText('after', examples(['crisis schema > playbook.schema.json']))
    .addHelpText(
      'after',
      `
Editors with the YAML language server (VS Code's YAML extension, Neovim, ...)
then complete and check playbooks whose first line is:
  # yaml-language-server: $schema=playbook.schema.json`,
    )
    .action(() => dispatch('schema', () => import('./commands/schema.js'), {}));

  program
    .command('start')
    .description('open an incident and walk through the playbook')
    .argument('<playbook>', 'playbook id or path to a playbook file')
    .option('--lang <lang>', 'language of the playbook')
    .option('--var <key=value>', 'set a playbook variable, may be repeated', collect)
    .option('--answers <file>', 'answers file (YAML) for a scripted or partial run')
    .option('--no-input', 'never prompt; stop with exit code 3 when an answer is missing')
    .option('--at <time>', 'time the outage was detected (2026-11-21 09:05, or 09:05 today, in the incident zone; or ISO 8601 with offset), default now')
    .option('--id <id>', 'incident id, default <date>-<playbook>')
    .option('--drill', 'mark the incident as a drill')
    .option('--new', 'open another incident even though one of this playbook is open')
    .option('--tz <zone>', 'time zone the incident shows times in (IANA name, e.g. Europe/Paris); default CRISIS_TZ, config.yaml timezone:, the system')
    .addHelpText(
      'after',
      examples([
        'crisis start messenger-down',
        'crisis start whatsapp-down --lang fr --var brand=Acme',
        'crisis start messenger-down --answers drill.yaml --no-input --drill',
        'crisis start messenger-down --new     a second incident while one is open',
        'crisis start messenger-down --tz Europe/Paris',
      ]),
    )
    .action((playbook, opts) => dispatch('start', () => import('./commands/start.js'), { playbook, ...opts }));

  program
    .command('resume')
    .description('continue an incident at its first unanswered step')
    .argument('[incident]', 'incident id (default: the only open one)')
    .option('--answers <file>', 'answers file (YAML)')
    .option('--no-input', 'never prompt; stop with exit code 3 when an answer is missing')
    .addHelpText('after', examples(['crisis resume', 'crisis resume 2026-11-21-messenger-down --answers rest.yaml']))
    .action((incident, opts) => dispatch('resume', () => import('./commands/resume.js'), { incident, ...opts }));

  program
    .command('incidents')
    .description('list incidents, open ones first')
    .option('--all', 'include resolved incidents and false alarms')
    .option('--json', 'print JSON')
    .addHelpText('after', examples(['crisis incidents', 'crisis incidents --all --json']))
    .action((opts) => dispatch('incidents', () => import('./commands/incidents.js'), opts));

  program
    .command('status')
    .description('phase, checklist progress, deadlines and next update of an incident')
    .argument('[incident]', 'incident id (default: the only open one)')
    .option('--json', 'print JSON')
    .option('--watch', 'redraw on every new event of the incident and every minute, until Ctrl-C')
    .addHelpText('after', examples(['crisis status', 'crisis status --watch', 'crisis status 2026-11-21-messenger-down --json']))
    .action((incident, opts) => dispatch('status', () => import('./commands/status.js'), { incident, ...opts }));

  program
    .command('log')
    .description('add a timestamped note to the incident log')
    .argument('<words...>', '[incident] then the note')
    .option('--as <role>', 'who writes the note (role id or name)')
    .addHelpText('after', examples(['crisis log "Downdetector shows 2,300 reports"', 'crisis log 2026-11-21-messenger-down "Legal informed" --as lead']))
    .action((words, opts) => dispatch('log', () => import('./commands/log.js'), { words, ...opts }));

  program
    .command('announce')
    .description('render a message for each channel, ready to paste')
    .argument('[args...]', '[incident] [message]')
    .option('--channel <channel>', 'only this channel, may be repeated', collect)
    .option('--var <key=value>', 'set or override a variable, may be repeated', collect)
    .option('--playbook <playbook>', 'render from a playbook alone, without an incident')
    .option('--lang <lang>', 'language of the playbook (with --playbook)')
    .option('--copy', "put one channel's text on the clipboard")
    .option('--posted', 'record the message as posted on these channels')
    .option('--force', 'render a message of a phase before the resolution, after it')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples([
        'crisis announce initial',
        'crisis announce update --channel x --channel sms --copy',
        'crisis announce --playbook messenger-down initial --var brand=Acme',
      ]),
    )
    .action((args, opts) => dispatch('announce', () => import('./commands/announce.js'), { args, ...opts }));

  program
    .command('resolve')
    .description('mark the incident resolved and walk the remaining steps')
    .argument('[incident]', 'incident id (default: the only open one)')
    .option('--at <time>', 'when the platform came back (2026-11-21 12:50, or 12:50 today, in the incident zone; or ISO 8601 with offset), default now')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .option('--answers <file>', 'answers file (YAML) for the remaining steps')
    .option('--no-input', 'never prompt; stop with exit code 3 when an answer is missing')
    .addHelpText('after', examples(['crisis resolve', 'crisis resolve 2026-11-21-messenger-down --at 2026-11-21T13:10:00+01:00 --yes']))
    .action((incident, opts) => dispatch('resolve', () => import('./commands/resolve.js'), { incident, ...opts }));

  program
    .command('reopen')
    .description('open a resolved, false-alarm or discarded incident again; the walkthrough goes on where it was')
    .argument('[incident]', 'incident id (default: the most recent one)')
    .addHelpText(
      'after',
      `${examples(['crisis reopen', 'crisis reopen 2026-11-21-messenger-down && crisis resume 2026-11-21-messenger-down'])}

A false alarm reopened asks its confirmation question again.`,
    )
    .action((incident) => dispatch('reopen', () => import('./commands/reopen.js'), { incident }));

  program
    .command('undo')
    .description('withdraw the last answer, given by mistake; the step is asked again')
    .argument('[incident]', 'incident id (default: the only open one)')
    .addHelpText(
      'after',
      `${examples(['crisis undo', 'crisis undo 2026-11-21-messenger-down && crisis resume'])}

Nothing is deleted: the log records the withdrawal. What the answer caused
(posts recorded with it, a severity change, a false alarm, a phase ended) no
longer counts in status and the report. Run it again to withdraw the answer
before.`,
    )
    .action((incident) => dispatch('undo', () => import('./commands/undo.js'), { incident }));

  program
    .command('discard')
    .description('mark an incident opened by mistake: kept on disk, hidden from lists and reports')
    .argument('<incident>', 'incident id (always named: see crisis incidents)')
    .addHelpText('after', `${examples(['crisis discard 2026-11-21-messenger-down-2', 'crisis incidents --all'])}\n\ncrisis reopen takes it back.`)
    .action((incident) => dispatch('discard', () => import('./commands/discard.js'), { incident }));

  program
    .command('report')
    .description('write the post-mortem report in Markdown')
    .argument('[incident]', 'incident id (default: the only incident, or the only open one)')
    .option('-o, --output <file>', 'write to this file instead of stdout (- is stdout)')
    .option('--template <file>', 'a Handlebars template to use instead of the built-in one')
    .option('--json', 'print the figures and the timeline as JSON')
    .addHelpText(
      'after',
      examples(['crisis report > post-mortem.md', 'crisis report 2026-11-21-messenger-down -o post-mortem.md', 'crisis report --json']),
    )
    .action((incident, opts) => dispatch('report', () => import('./commands/report.js'), { incident, ...opts }));

  program
    .command('timeline')
    .description('write the incident log as a readable Markdown timeline')
    .argument('[incident]', 'incident id (default: the only incident, or the only open one)')
    .option('-o, --output <file>', 'write to this file instead of stdout (- is stdout)')
    .addHelpText('after', examples(['crisis timeline', 'crisis timeline -o timeline.md']))
    .action((incident, opts) => dispatch('timeline', () => import('./commands/timeline.js'), { incident, ...opts }));

  program
    .command('answers')
    .description('write a commented answers-file skeleton: every step with its allowed values')
    .argument('<playbook>', 'playbook id or path to a playbook file')
    .option('--lang <lang>', 'language of the playbook')
    .option('-o, --output <file>', 'write to this file instead of stdout (- is stdout)')
    .option('--force', 'overwrite an existing file')
    .addHelpText(
      'after',
      examples(['crisis answers messenger-down -o drill.yaml', 'crisis start messenger-down --answers drill.yaml --no-input --drill']) +
        `

Left as written, the skeleton answers nothing: fill in the values you know; a
blank one is asked during the walkthrough (or, with --no-input, stops the run
with exit code 3 at that step).`,
    )
    .action((playbook, opts) => dispatch('answers', () => import('./commands/answers.js'), { playbook, ...opts }));

  program
    .command('page')
    .description('write the public status page: index.html, summary.json and feed.atom')
    .argument('[incident]', 'incident id (default: the only open one, else the most recent)')
    .option('-o, --output <dir>', 'folder to write the page into (- prints index.html on stdout)', 'status')
    .option('--watch', 'rebuild the page on every new event of the incident, until Ctrl-C')
    .option('--template <file>', 'a Handlebars HTML template to use instead of the built-in one')
    .addHelpText(
      'after',
      examples(['crisis page', 'crisis page -o public/status --watch', 'crisis page 2026-11-21-messenger-down --template my-page.html.hbs']) +
        `

The folder holds one self-contained page (no script, no external request),
summary.json (the shape of Statuspage's public summary) and feed.atom. Copy it
to any static host; rebuilding without a new event changes no byte. The
channels listed come from page: components: in config.yaml, else the
playbook's platform and the alternatives chosen during the run. The page is
titled with page: name: in config.yaml, else the brand variable; with neither,
it is not written.`,
    )
    .action((incident, opts) => dispatch('page', () => import('./commands/page.js'), { incident, ...opts }));

  program
    .command('notify')
    .description('show the team notifications of an incident; --flush sends the pending and failed ones')
    .argument('[incident]', 'incident id (default: the only open one, else the most recent)')
    .option('--flush', 'queue what is due and send the pending and failed notifications now')
    .option('--json', 'print JSON')
    .addOption(new Option('--background', 'send until nothing is pending, without output (started by crisis itself)').hideHelp())
    .addHelpText(
      'after',
      examples(['crisis notify', 'crisis notify 2026-11-21-messenger-down --flush', 'crisis notify --json']) +
        `

Who is notified comes from notify: in config.yaml (Slack, Microsoft Teams,
Discord, a JSON webhook or e-mail per role; a webhook may be given as $NAME,
an environment variable holding its URL); e-mail goes through smtp: (or
CRISIS_SMTP_URL), else is written as an .eml file in the incident folder.
Notifications are queued in the incident log, then sent in the background;
CRISIS_NOTIFY_BACKGROUND=0 leaves them queued for crisis notify --flush.`,
    )
    .action((incident, opts) => dispatch('notify', () => import('./commands/notify.js'), { incident, ...opts }));

  program
    .command('completion')
    .description('print a shell completion script: commands, options, playbook, incident and message ids, channels')
    .addArgument(new Argument('<shell>', 'bash, zsh, fish (or powershell)').choices(['bash', 'zsh', 'fish', 'powershell'] as const))
    .addHelpText(
      'after',
      `${examples(['source <(crisis completion bash)          in ~/.bashrc', 'source <(crisis completion zsh)           in ~/.zshrc', 'crisis completion fish > ~/.config/fish/completions/crisis.fish'])}

Playbook, incident and message ids and channels are completed from the live
data: the playbooks found and the incidents of the data directory.`,
    )
    .action((shell) => dispatch('completion', () => import('./commands/completion.js'), { shell }));

  // what the completion scripts call at each Tab: crisis complete -- <words typed>
  program
    .command('complete', { hidden: true })
    .argument('[words...]')
    .action((words) => dispatch('completion', () => import('./commands/completion.js'), { words }));

  program.on('option:V', () => {
    process.stdout.write(`${VERSION}\n`);
    throw new CommanderError(0, 'commander.version', VERSION);
  });
  for (const command of program.commands) explainMissingArguments(command as unknown as AnyCommand);
  return program;
}

type AnyCommand = { name(): string; usage(): string; error(message: string, options: { code: string }): never };

/** What to type for each kind of argument, and the command that lists the choices. */
const ARGUMENT_HINTS: Record<string, string> = {
  playbook: 'a playbook id such as messenger-down, or a playbook file; `crisis list` shows the playbooks',
  incident: 'an incident id such as 2026-11-21-messenger-down; `crisis incidents --all` shows them',
  id: 'an id in kebab-case, such as instagram-down',
  words: 'the note in quotes, such as "Support inbox at 340"; an incident id may come first',
  shell: 'bash, zsh or fish',
};

/**
 * A missing argument says what to type and how to list the choices, instead
 * of commander's bare "missing required argument". commander has no option
 * for this, so its (undocumented but stable) `missingArgument` is replaced.
 */
function explainMissingArguments(command: AnyCommand): void {
  (command as unknown as { missingArgument: (name: string) => void }).missingArgument = (name) => {
    const hint = ARGUMENT_HINTS[name];
    command.error(`error: missing ${name}${hint ? `: type ${hint}` : ''}\nusage: crisis ${command.name()} ${command.usage()}`, {
      code: 'commander.missingArgument',
    });
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(':').filter(Boolean);
}

/**
 * Where a run reads and writes: the process's own streams, environment and
 * clock for the binary; tests pass their own to run commands in process
 * through this same entry.
 */
export interface RunIO {
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  stdout: CommandContext['stdout'];
  stderr: CommandContext['stderr'];
  stdin: CommandContext['stdin'];
  /** Where incidents are kept, when not the files of the data directory. */
  store?: CommandContext['store'];
}

/**
 * The binary's clock. CRISIS_TEST_NOW_FILE names a file holding an ISO time,
 * read at each call: terminal tests move time forward (a countdown, an update
 * falling due) without waiting for it. Anything unreadable there is the real time.
 */
function clockOf(env: Record<string, string | undefined>): () => Date {
  const file = env.CRISIS_TEST_NOW_FILE;
  if (!file) return () => new Date();
  return () => {
    try {
      const d = new Date(readFileSync(file, 'utf8').trim());
      return Number.isNaN(d.getTime()) ? new Date() : d;
    } catch {
      return new Date();
    }
  };
}

function processIO(): RunIO {
  // `crisis report | head`: a closed pipe ends the command quietly, like other Unix tools
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return { cwd: process.cwd(), env: process.env, now: clockOf(process.env), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}

/**
 * The entry point: parses argv, runs the command, prints errors and returns
 * the exit code (the binary also sets it as the process's exit code).
 */
export async function run(argv: string[], given?: RunIO): Promise<number> {
  const io = given ?? processIO();
  const env = io.env;
  const debug = argv.includes('--debug');
  const color = colorEnabled(env, argv, Boolean(io.stdout.isTTY));
  // values' control characters are made visible in all that is written, colours or not (ui/sanitize.ts)
  const stdout = sanitizedStream(io.stdout);
  const stderr = sanitizedStream(io.stderr);
  // the prompts colour through node:util's styleText, which reads NO_COLOR: --no-color reaches them that way
  if (!given && !color) process.env.NO_COLOR = '1';
  let exit: number = ExitCode.Ok;
  let ctx: CommandContext | undefined;
  const program: ReturnType<typeof buildProgram> = buildProgram(async (_name, load, input) => {
    const globals: GlobalOptions = program.opts();
    ctx = {
      cwd: io.cwd,
      env,
      now: io.now,
      stdout,
      stderr,
      stdin: io.stdin,
      ...(globals.dataDir !== undefined ? { dataDir: globals.dataDir } : {}),
      ...(io.store ? { store: io.store } : {}),
      playbookDirs: [...(globals.playbooks ?? []), ...splitList(env.CRISIS_PLAYBOOKS)],
      color,
      debug,
    };
    const mod = await load();
    const code = await mod.run(ctx, input);
    exit = code ?? ExitCode.Ok;
  });
  // subcommands were created before these calls, so they do not inherit them: usage errors must exit 2, not 1
  const output = { writeOut: (str: string) => stdout.write(str), writeErr: (str: string) => stderr.write(str), outputError: (str: string, write: (s: string) => void) => write(str) };
  for (const c of [program, ...program.commands]) c.exitOverride().configureOutput(output);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    exit = await reportError(error, debug, stderr, ctx?.lang, env);
  }
  if (!given) process.exitCode = exit;
  return exit;
}

/** Prints an error the way its kind asks, in `lang` (else the environment's language); returns the exit code. */
async function reportError(error: unknown, debug: boolean, stderr: CommandContext['stderr'], lang: string | undefined, env: RunIO['env']): Promise<number> {
  if (error instanceof CommanderError) {
    // help and version end through here with exit code 0
    return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  // the catalogue and the language lookup are loaded only when there is something to say
  const { catalogueOf } = await import('./commands/common.js');
  const c = catalogueOf({ ...(lang !== undefined ? { lang } : {}), env });
  if (error instanceof UserError) {
    const { message, details } = error.sayIn(c);
    stderr.write(`${c.errors.prefix}${message}\n`);
    for (const line of details) stderr.write(`  ${line}\n`);
    if (debug && error.stack) stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  if (debug) {
    stderr.write(`${err.stack ?? err.message}\n`);
  } else {
    stderr.write(`${c.errors.prefix}${c.errors.unexpected(err.message)}\n  ${c.errors.bugHint}\n`);
  }
  return ExitCode.BadInput;
}

/**
 * The program's `--help` text exactly as commander prints it. The build writes
 * it to dist/help.txt so that `crisis --help` needs no parser at start-up.
 */
export function renderHelp(): string {
  let text = '';
  const program = buildProgram(async () => undefined);
  program.configureOutput({ writeOut: (chunk) => (text += chunk) });
  program.outputHelp();
  return text;
}

