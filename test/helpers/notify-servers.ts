/**
 * Real servers on 127.0.0.1 for the notification tests: an HTTP server that
 * records every request and answers as told (200, a failure, 429 with
 * Retry-After, or never), and an SMTP server (smtp-server) whose messages
 * are read back with mailparser. Each stops with `close()`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: unknown;
  /** The status answered; undefined while unanswered (hanging) or when the client went away first. */
  answered?: number;
}

/** What the server does with one request: a status (with headers), or `hang` (never answer). */
export type Behaviour = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface HttpRecorder {
  url: (path: string) => string;
  requests: RecordedRequest[];
  /** Decides the answer of each request (default: 200). */
  behave: (fn: (req: RecordedRequest, index: number) => Behaviour) => void;
  /** Answers 200 to every hanging request, and to all later ones. */
  releaseHanging: () => void;
  waitFor: (predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function httpRecorder(): Promise<HttpRecorder> {
  const requests: RecordedRequest[] = [];
  const hanging: Array<{ res: ServerResponse; req: RecordedRequest }> = [];
  let decide: (req: RecordedRequest, index: number) => Behaviour = () => ({ status: 200 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const record: RecordedRequest = { path: req.url ?? '', headers: req.headers, body, json };
      requests.push(record);
      const behaviour = decide(record, requests.length - 1);
      if (behaviour === 'hang') {
        hanging.push({ res, req: record });
        return;
      }
      res.writeHead(behaviour.status, { 'content-type': 'text/plain', ...behaviour.headers });
      res.end(behaviour.body ?? (behaviour.status < 300 ? 'ok' : 'error'), () => {
        record.answered = behaviour.status;
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const waitFor = async (predicate: (r: RecordedRequest[]) => boolean, timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    while (!predicate(requests)) {
      if (Date.now() > end) throw new Error(`timed out waiting; ${requests.length} requests so far: ${requests.map((r) => `${r.path} ${r.answered ?? '-'}`).join(', ')}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    behave: (fn) => {
      decide = fn;
    },
    releaseHanging: () => {
      decide = () => ({ status: 200 });
      for (const { res, req } of hanging.splice(0)) {
        if (res.destroyed || res.socket?.destroyed) continue;
        res.writeHead(200);
        res.end('ok', () => {
          req.answered = 200;
        });
      }
    },
    waitFor,
    close: () =>
      new Promise<void>((done) => {
        for (const { res } of hanging.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface SmtpRecorder {
  port: number;
  url: (user: string, password: string) => string;
  messages: ParsedMail[];
  /** Raw SMTP envelopes: recipients of each message. */
  recipients: string[][];
  logins: Array<{ username: string; password: string }>;
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
}

export async function smtpRecorder(): Promise<SmtpRecorder> {
  const messages: ParsedMail[] = [];
  const recipients: string[][] = [];
  const logins: Array<{ username: string; password: string }> = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          recipients.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: (user, password) => `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    messages,
    recipients,
    logins,
    waitFor: async (count, timeoutMs = 20_000) => {
      const end = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${count} e-mails; ${messages.length} received`);
        await new Promise((done) => setTimeout(done, 50));
      }
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
