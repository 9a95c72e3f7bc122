import { afterEach, describe, expect, it } from 'vitest';
import { LOGGED_BODY_CHARS, loggedBody } from '../../../src/core/body-log.js';
import { ValidationError } from '../../../src/core/errors.js';
import { Redactor, SafeLog } from '../../../src/core/logging.js';
import { createRuntime } from '../../../src/core/runtime.js';
import { HttpTransport } from '../../../src/core/transport.js';
import { recordingLogger } from '../../e2e/helpers.js';
import { type Loopback, startLoopback } from './loopback.js';

const PASSWORD = 'Pa55word!xyz';

function redactor(): Redactor {
  const r = new Redactor();
  r.addSecret(PASSWORD);
  return r;
}

describe('loggedBody', () => {
  it('shows a text body as the wire carries it, with secrets redacted by key and by value', () => {
    const body = `{"user":"admin","passwd":"${PASSWORD}","note":"was ${PASSWORD}","session":"ZmVkY2JhOTg3"}`;
    expect(loggedBody(body, 'application/json', redactor())).toBe(
      '{"user":"admin","passwd":"[REDACTED]","note":"was [REDACTED]","session":"[REDACTED]"}',
    );
    expect(
      loggedBody(`username=admin&password=${PASSWORD}`, 'application/x-www-form-urlencoded', redactor()),
    ).toBe('username=admin&password=[REDACTED]');
  });

  it('cuts a large body, states its size, and still hides a secret that straddles the cut', () => {
    const filler = 'x'.repeat(LOGGED_BODY_CHARS - 5);
    const body = Buffer.from(`${filler}${PASSWORD}${'y'.repeat(100_000)}`);
    const shown = loggedBody(body, 'text/plain', redactor())!;
    expect(shown.startsWith(filler)).toBe(true);
    expect(shown).toContain(`… [cut: ${body.length} bytes in all]`);
    expect(shown).not.toContain(PASSWORD.slice(0, 5));
    expect(shown.length).toBeLessThan(LOGGED_BODY_CHARS + 50);
  });

  it('describes binary and multipart bodies instead of dumping them, and skips empty ones', () => {
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]);
    expect(loggedBody(pdf, 'application/pdf', redactor())).toBe('[binary body: 7 bytes, application/pdf]');
    expect(loggedBody(pdf, undefined, redactor())).toBe('[binary body: 7 bytes]');
    expect(loggedBody('--b\r\ncontent', 'multipart/form-data; boundary=b', redactor())).toBe(
      '[binary body: 12 bytes, multipart/form-data; boundary=b]',
    );
    expect(loggedBody(Buffer.alloc(0), 'application/json', redactor())).toBeUndefined();
    expect(loggedBody(undefined, undefined, redactor())).toBeUndefined();
  });
});

describe('HttpTransport with logBodies', () => {
  let server: Loopback;
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((item) => item.close()));
  });

  async function exchange(logBodies: boolean): Promise<string[]> {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=c00kieValue1' });
      res.end('{"access_token":"T0kenFromTheReply","ok":true}');
    });
    open.push(server);
    const logger = recordingLogger();
    const r = redactor();
    const transport = new HttpTransport({
      baseUrl: server.url,
      log: new SafeLog(logger, r),
      logBodies,
      redactor: r,
    });
    open.push(transport);
    await transport.requestJson({
      method: 'POST',
      path: '/login?x=1',
      json: { username: 'admin', password: PASSWORD },
      headers: { authorization: `Bearer ${PASSWORD}` },
    });
    return logger.lines;
  }

  it('logs the request and the reply, headers and bodies, with every secret redacted', async () => {
    const lines = await exchange(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`→ POST ${server.url}/login?x=1`);
    expect(lines[0]).toContain('"authorization":"[REDACTED]"');
    expect(lines[0]).toContain('\\"password\\":\\"[REDACTED]\\"');
    expect(lines[1]).toMatch(/^← 200 POST .*\/login\?x=1 \(\d+ ms\)/);
    expect(lines[1]).toContain('\\"access_token\\":\\"[REDACTED]\\"');
    expect(lines[1]).toContain('"set-cookie":"[REDACTED]"');
    const all = lines.join('\n');
    for (const secret of [PASSWORD, 'T0kenFromTheReply', 'c00kieValue1']) expect(all).not.toContain(secret);
  });

  it('logs one status line per request and no body when logBodies is off', async () => {
    const lines = await exchange(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/POST .*\/login -> HTTP 200/);
    expect(lines[0]).not.toContain('access_token');
  });
});

describe('the logBodies option', () => {
  it('must be a boolean', () => {
    expect(() =>
      createRuntime(
        { url: 'https://fmg.example.com', logBodies: 'yes' as never },
        { product: 'fortimanager' },
      ),
    ).toThrow(ValidationError);
  });
});
