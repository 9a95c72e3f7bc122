import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../src/core/errors.js';
import { Redactor } from '../../../src/core/logging.js';
import { HttpTransport } from '../../../src/core/transport.js';
import { startLoopback } from './loopback.js';

const ACCESS = 'AccessTok3nValue0123456789abcd';
const REFRESH = 'RefreshTok3nValue0123456789xyz';
const SESSION = 'Fmg+Session/Id==0123456789';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('redaction of text nobody could parse', () => {
  const r = new Redactor();
  const cases: Array<[string, string]> = [
    [
      'a token reply cut short',
      `{"access_token": "${ACCESS}", "expires_in": 3600, "refresh_token": "${REFRESH.slice(0, 12)}`,
    ],
    [
      'a form-encoded token reply',
      `access_token=${ACCESS}&token_type=Bearer&refresh_token=${REFRESH}&expires_in=3600`,
    ],
    [
      'JSON escaped inside an HTML page',
      `<html><body><pre>{\\"access_token\\":\\"${ACCESS}\\",\\"refresh_token\\":\\"${REFRESH}\\"}</pre></body></html>`,
    ],
    [
      'single quotes',
      `<script>var cfg = {'refresh_token': '${REFRESH}', 'access_token': '${ACCESS}'}</script>`,
    ],
    ['a login reply of an unexpected shape', `{"id":1,"result":{"status":0},"session":"${SESSION}"}`],
    ['a session under an object', `{"session": {"id": "${SESSION}"}, "id": 2}`],
    ['an Authorization header echoed back', `authorization: Bearer ${ACCESS}\r\nhost: x`],
    ['apikey and passwd', `{"apikey":"${ACCESS}","passwd":"${REFRESH}"}`],
  ];
  for (const [what, text] of cases) {
    it(`hides the values under secret keys: ${what}`, () => {
      const out = r.redactText(text);
      expect(out).not.toContain(ACCESS.slice(0, 12));
      expect(out).not.toContain(REFRESH.slice(0, 12));
      expect(out).not.toContain(SESSION.slice(0, 12));
      expect(out).toContain('[REDACTED]');
    });
  }

  it('leaves harmless text and non-secret values alone', () => {
    const text =
      '{"session": null, "expires_in": 3600, "message": "FortiManager session opened", "ok": true}';
    expect(r.redactText(text)).toBe(text);
  });

  it("knows a password in JSON's \\/ and \\u escapes, as PHP and Python write them", () => {
    const password = 'pa/ss/wörd/0123456789';
    const known = new Redactor();
    known.addSecret(password);
    const php = JSON.stringify(password).slice(1, -1).replaceAll('/', '\\/');
    const python = 'pa/ss/w\\u00f6rd/0123456789';
    for (const form of [php, python, php.replace('ö', '\\u00f6')]) {
      const out = known.redactText(`{"error": "wrong ${form} given"}`);
      expect(out).toBe('{"error": "wrong [REDACTED] given"}');
    }
  });
});

describe('error snippets of unparsed replies', () => {
  const replies: Array<[string, string, string]> = [
    ['application/json', '200', `{"access_token":"${ACCESS}","expires_in":3600,"refresh_token":"${REFRESH}`],
    ['application/x-www-form-urlencoded', '200', `access_token=${ACCESS}&refresh_token=${REFRESH}`],
    [
      'text/html',
      '502',
      `<html><p>upstream said {"refresh_token": "${REFRESH}", "access_token": "${ACCESS}"}</p></html>`,
    ],
  ];
  for (const [contentType, status, body] of replies) {
    it(`carry no token: ${contentType}`, async () => {
      const loop = await startLoopback((_req, res) => {
        res.writeHead(Number(status), {
          'content-type': contentType,
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
      closers.push(() => loop.close());
      const http = new HttpTransport({ baseUrl: loop.url });
      closers.push(() => http.close());
      const error = await http
        .requestJson({ method: 'POST', path: '/token/', json: {} })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).snippet).toContain('[REDACTED]');
      const views = [
        (error as ProtocolError).snippet,
        (error as Error).message,
        (error as Error).stack ?? '',
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
      ].join('\n');
      expect(views).not.toContain(ACCESS.slice(0, 10));
      expect(views).not.toContain(REFRESH.slice(0, 10));
    });
  }
});
