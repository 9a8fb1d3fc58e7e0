// The HTTP/1.1 response reader behind the daemon's raw export: status and headers, then the body
// as slices of the input, for every framing the Engine API uses, split at any byte.
import { HttpResponseParser, type ResponseHead } from '../../src/analyzers/sources/http/response-parser.js';

function parse(parts: Buffer[], atEnd = true): { head?: ResponseHead; body: Buffer; done: boolean } {
  let head: ResponseHead | undefined;
  const body: Buffer[] = [];
  const p = new HttpResponseParser(
    (h) => {
      head = h;
    },
    (slice) => body.push(Buffer.from(slice)),
  );
  for (const part of parts) p.write(part);
  if (atEnd) p.end();
  return { head, body: Buffer.concat(body), done: p.done };
}

/** `text` cut into pieces of 1..7 bytes, the same cuts every run */
function pieces(bytes: Buffer, seed = 1): Buffer[] {
  const out: Buffer[] = [];
  let s = seed;
  for (let i = 0; i < bytes.length; ) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const n = 1 + (s % 7);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

const payload = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 251));
const chunked = Buffer.concat([
  Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n'),
  Buffer.from('800\r\n'),
  payload.subarray(0, 0x800),
  Buffer.from('\r\n3b8;name=value\r\n'), // a chunk extension is ignored
  payload.subarray(0x800),
  Buffer.from('\r\n0\r\nX-Trailer: yes\r\n\r\n'),
]);
const withLength = Buffer.concat([
  Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${payload.length}\r\n\r\n`),
  payload,
]);
const untilClose = Buffer.concat([Buffer.from('HTTP/1.0 200 OK\r\nContent-Type: x\r\n\r\n'), payload]);

test.each([
  ['chunked, with an extension and a trailer', chunked, true],
  ['Content-Length', withLength, true],
  ['up to the close', untilClose, false],
])('%s: the same body whole, a byte at a time, and in random pieces', (_name, response, endsItself) => {
  for (const parts of [[response], [...response].map((b) => Buffer.from([b])), pieces(response), pieces(response, 9)]) {
    const got = parse(parts);
    expect(got.head?.status).toBe(200);
    expect(got.body.equals(payload)).toBe(true);
    expect(got.done).toBe(endsItself);
  }
});

test('headers are read case-insensitively; body slices are views of the input, not copies', () => {
  const slices: Buffer[] = [];
  let head: ResponseHead | undefined;
  const p = new HttpResponseParser(
    (h) => {
      head = h;
    },
    (s) => slices.push(s),
  );
  p.write(withLength);
  expect(head?.headers.get('content-length')).toBe(String(payload.length));
  expect(slices).toHaveLength(1);
  expect(slices[0]?.buffer).toBe(withLength.buffer);
});

test('an error status keeps its JSON body; 204 has none', () => {
  const body = '{"message":"reference does not exist"}';
  const got = parse([Buffer.from(`HTTP/1.1 404 Not Found\r\nContent-Length: ${body.length}\r\n\r\n${body}`)]);
  expect(got.head?.status).toBe(404);
  expect(got.body.toString()).toBe(body);
  expect(parse([Buffer.from('HTTP/1.1 204 No Content\r\n\r\n')]).done).toBe(true);
});

test.each([
  ['not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n', /not an HTTP\/1\.1 response/],
  ['a bad header line', 'HTTP/1.1 200 OK\r\nnocolon\r\n\r\n', /bad header line/],
  ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /bad Content-Length/],
  ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /bad chunk size "zz"/],
  [
    'chunk data longer than its size',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n',
    /chunk data is longer than its size/,
  ],
  [
    'a chunk-size line without end',
    `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${'0'.repeat(2000)}`,
    /too long/,
  ],
  ['headers without end', `HTTP/1.1 200 OK\r\n${'X-A: b\r\n'.repeat(10_000)}`, /headers are too long/],
])('%s: a clear error', (_name, text, message) => {
  expect(() => parse([Buffer.from(text)], false)).toThrow(message);
});

test.each([
  ['before the headers', 'HTTP/1.1 200 OK\r\nContent-', /closed before the response headers/],
  ['inside a Content-Length body', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', /cut short/],
  ['inside a chunked body', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab', /cut short/],
])('a connection closed %s is an error', (_name, text, message) => {
  expect(() => parse([Buffer.from(text)])).toThrow(message);
});
