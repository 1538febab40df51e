/**
 * The command line: declares commands and options with commander and
 * lazy-imports each command's module, so start-up stays close to Node's own.
 * Only `run` prints errors and sets the exit code.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, UserError } from './errors.js';
import type { CommandContext } from './context.js';
import { colorEnabled } from './ui/color-choice.js';
import { VERSION } from './version.js';

type CommandModule = { run: (ctx: CommandContext, input: Record<string, unknown>) => Promise<number | void> };
type Loader = () => Promise<CommandModule>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Builds the program; `invoke` receives the command module loader and the parsed input. */
export function buildProgram(invoke: (load: Loader, input: Record<string, unknown>) => Promise<void>): Command {
  const program = new Command('crisis')
    .description('Run a contingency playbook when a platform your customers use goes down.')
    .version(VERSION, '-V, --version', 'print the version')
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

  const cmd = (name: string, description: string, load: Loader, examples: string[]) => {
    const c = program.command(name).description(description);
    c.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}`);
    c.action(async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const positional = command.processedArgs;
      const input: Record<string, unknown> = { ...command.optsWithGlobals(), args: positional };
      await invoke(load, input);
    });
    return c;
  };

  cmd('list', 'list the playbooks found: id, language, title and where each comes from', () => import('./commands/list.js'), [
    'crisis list',
    'crisis list --json',
  ]).option('--json', 'print JSON');

  cmd('show', 'show a playbook: phases, steps, owners, deadlines, severities and messages', () => import('./commands/show.js'), [
    'crisis show messenger-down',
    'crisis show whatsapp-down --lang fr',
  ])
    .argument('<playbook>', 'playbook id or path to a playbook file')
    .option('--lang <lang>', 'language of the playbook (en, fr, ...)')
    .option('--json', 'print JSON');

  cmd('validate', 'check playbooks: format, references, and every message rendered for every channel', () => import('./commands/validate.js'), [
    'crisis validate',
    'crisis validate playbooks/ my-playbook.en.yaml --json',
  ])
    .argument('[paths...]', 'files or folders (default: every playbook found)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Messages are rendered with the variables' examples at a fixed moment (a
Wednesday in September, 12:58), so the verdict does not change with the day.
Unchanged playbooks are not checked twice: see CRISIS_NO_CACHE in crisis --help.`,
    );

  cmd('init', 'create .crisis/ with a commented config.yaml, and playbooks/, in the current folder', () => import('./commands/init.js'), [
    'crisis init',
  ]);

  cmd('new', 'write a new playbook into ./playbooks/, starting from a built-in one', () => import('./commands/new.js'), [
    'crisis new instagram-down --from messenger-down',
    'crisis new panne-site --from messenger-down --lang fr',
  ])
    .argument('<id>', 'id of the new playbook (kebab-case)')
    .option('--from <playbook>', 'playbook to start from', 'messenger-down')
    .option('--lang <lang>', 'language of the new playbook')
    .option('--force', 'overwrite an existing file');

  cmd('schema', 'print the JSON Schema of the playbook format, for editors', () => import('./commands/schema.js'), [
    'crisis schema > playbook.schema.json',
  ]).addHelpText(
    'after',
    `
Editors with the YAML language server (VS Code's YAML extension, Neovim, ...)
then complete and check playbooks whose first line is:
  # yaml-language-server: $schema=playbook.schema.json`,
  );

  cmd('start', 'open an incident and walk through the playbook', () => import('./commands/start.js'), [
    'crisis start messenger-down',
    'crisis start whatsapp-down --lang fr --var brand=Acme',
    'crisis start messenger-down --answers drill.yaml --no-input --drill',
  ])
    .argument('<playbook>', 'playbook id or path to a playbook file')
    .option('--lang <lang>', 'language of the playbook')
    .option('--var <key=value>', 'set a playbook variable, may be repeated', collect)
    .option('--answers <file>', 'answers file (YAML) for a scripted or partial run')
    .option('--no-input', 'never prompt; stop with exit code 3 when an answer is missing')
    .option('--at <iso>', 'time the outage was detected (ISO 8601), default now')
    .option('--id <id>', 'incident id, default <date>-<playbook>')
    .option('--drill', 'mark the incident as a drill');

  cmd('resume', 'continue an incident at its first unanswered step', () => import('./commands/resume.js'), [
    'crisis resume',
    'crisis resume 2026-11-21-messenger-down --answers rest.yaml',
  ])
    .argument('[incident]', 'incident id (default: the only open one)')
    .option('--answers <file>', 'answers file (YAML)')
    .option('--no-input', 'never prompt; stop with exit code 3 when an answer is missing');

  cmd('incidents', 'list incidents, open ones first', () => import('./commands/incidents.js'), [
    'crisis incidents',
    'crisis incidents --all --json',
  ])
    .option('--all', 'include resolved incidents and false alarms')
    .option('--json', 'print JSON');

  cmd('status', 'phase, checklist progress, deadlines and next update of an incident', () => import('./commands/status.js'), [
    'crisis status',
    'crisis status 2026-11-21-messenger-down --json',
  ])
    .argument('[incident]', 'incident id (default: the only open one)')
    .option('--json', 'print JSON');

  cmd('log', 'add a timestamped note to the incident log', () => import('./commands/log.js'), [
    'crisis log "Downdetector shows 2,300 reports"',
    'crisis log 2026-11-21-messenger-down "Legal informed" --as lead',
  ])
    .argument('<words...>', '[incident] then the note')
    .option('--as <role>', 'who writes the note (role id or name)');

  cmd('announce', 'render a message for each channel, ready to paste', () => import('./commands/announce.js'), [
    'crisis announce initial',
    'crisis announce update --channel x --channel sms --copy',
    'crisis announce --playbook messenger-down initial --var brand=Acme',
  ])
    .argument('[args...]', '[incident] [message]')
    .option('--channel <channel>', 'only this channel, may be repeated', collect)
    .option('--var <key=value>', 'set or override a variable, may be repeated', collect)
    .option('--playbook <playbook>', 'render from a playbook alone, without an incident')
    .option('--lang <lang>', 'language of the playbook (with --playbook)')
    .option('--copy', "put one channel's text on the clipboard")
    .option('--posted', 'record the message as posted on these channels')
    .option('--json', 'print JSON');

  cmd('resolve', 'mark the incident resolved and walk the remaining steps', () => import('./commands/resolve.js'), [
    'crisis resolve',
    'crisis resolve 2026-11-21-messenger-down --at 2026-11-21T13:10:00+01:00',
  ])
    .argument('[incident]', 'incident id (default: the only open one)')
    .option('--at <iso>', 'when the platform came back (ISO 8601), default now')
    .option('--answers <file>', 'answers file (YAML) for the remaining steps')
    .option('--no-input', 'never prompt; stop with exit code 3 when an answer is missing');

  cmd('report', 'write the post-mortem report in Markdown', () => import('./commands/report.js'), [
    'crisis report > post-mortem.md',
    'crisis report 2026-11-21-messenger-down -o post-mortem.md',
    'crisis report --json',
  ])
    .argument('[incident]', 'incident id (default: the only incident, or the only open one)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--template <file>', 'a Handlebars template to use instead of the built-in one')
    .option('--json', 'print the figures and the timeline as JSON');

  cmd('timeline', 'write the incident log as a readable Markdown timeline', () => import('./commands/timeline.js'), [
    'crisis timeline',
    'crisis timeline -o timeline.md',
  ])
    .argument('[incident]', 'incident id (default: the only incident, or the only open one)')
    .option('-o, --output <file>', 'write to this file instead of stdout');

  return program;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(':').filter(Boolean);
}

/** The entry point: parses argv, runs the command, prints errors and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  // `crisis report | head`: a closed pipe ends the command quietly, like other Unix tools
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const env = process.env;
  const debug = argv.includes('--debug');
  const color = colorEnabled(env, argv, Boolean(process.stdout.isTTY));
  let exit: number = ExitCode.Ok;
  const program = buildProgram(async (load, input) => {
    const ctx: CommandContext = {
      cwd: process.cwd(),
      env,
      now: () => new Date(),
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      ...(typeof input.dataDir === 'string' ? { dataDir: input.dataDir } : {}),
      playbookDirs: [...((input.playbooks as string[] | undefined) ?? []), ...splitList(env.CRISIS_PLAYBOOKS)],
      color,
      debug,
    };
    const mod = await load();
    const code = await mod.run(ctx, input);
    exit = code ?? ExitCode.Ok;
  });
  // subcommands were created before this call, so they do not inherit it: usage errors must exit 2, not 1
  for (const c of [program, ...program.commands]) c.exitOverride();
  program.configureOutput({ outputError: (str, write) => write(str) });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    exit = reportError(error, debug);
  }
  process.exitCode = exit;
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // help and version end through here with exit code 0
    return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  if (error instanceof UserError) {
    process.stderr.write(`crisis: ${error.message}\n`);
    for (const line of error.details) process.stderr.write(`  ${line}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  if (debug) {
    process.stderr.write(`${err.stack ?? err.message}\n`);
  } else {
    process.stderr.write(`crisis: unexpected error: ${err.message}\n  This is a bug. Run again with --debug for the stack trace and report it.\n`);
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

