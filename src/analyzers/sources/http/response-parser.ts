// An HTTP/1.1 response read incrementally from raw socket bytes: the status line and headers,
// then the body as slices of the input (Content-Length, chunked, or up to the close). Pure: fed
// buffers, it calls onHead once and onBody with subarrays of them, never copying body bytes.
// Behind raw-request.ts: Node's HTTP client allocates a buffer for every 64 KiB read, hundreds
// of MB of garbage for a layer-sized body.

export class HttpFormatError extends Error {}

export interface ResponseHead {
  status: number;
  /** lower-cased names */
  headers: Map<string, string>;
}

const MAX_HEAD = 64 * 1024;
const MAX_LINE = 1024;
const CR = 0x0d;
const LF = 0x0a;

type State = 'head' | 'length' | 'close' | 'size' | 'data' | 'data-end' | 'trailer' | 'done';

export class HttpResponseParser {
  private state: State = 'head';
  private line: number[] = [];
  private headBytes: Buffer[] = [];
  private headLength = 0;
  /** body bytes left in a Content-Length body or in the current chunk */
  private remaining = 0;

  constructor(
    private readonly onHead: (head: ResponseHead) => void,
    private readonly onBody: (slice: Buffer) => void,
  ) {}

  /** True once the whole body has been read (never for a body that ends with the connection). */
  get done(): boolean {
    return this.state === 'done';
  }

  write(buf: Buffer): void {
    let pos = 0;
    while (pos < buf.length && this.state !== 'done') pos = this.step(buf, pos);
  }

  /** The connection closed: fine for a body read up to the close, else the response was cut short. */
  end(): void {
    if (this.state === 'done' || this.state === 'close') return;
    throw new HttpFormatError(
      this.state === 'head' ? 'the connection closed before the response headers' : 'the response body was cut short',
    );
  }

  private step(buf: Buffer, pos: number): number {
    switch (this.state) {
      case 'head':
        return this.readHead(buf, pos);
      case 'length':
        return this.body(buf, pos, 'done');
      case 'close':
        this.onBody(pos === 0 ? buf : buf.subarray(pos));
        return buf.length;
      case 'data':
        return this.body(buf, pos, 'data-end');
      case 'size':
      case 'data-end':
      case 'trailer':
        return this.readLine(buf, pos);
      default:
        return buf.length;
    }
  }

  /** Up to `remaining` body bytes (of a Content-Length body or a chunk), then `next`. */
  private body(buf: Buffer, pos: number, next: State): number {
    const n = Math.min(this.remaining, buf.length - pos);
    this.onBody(buf.subarray(pos, pos + n));
    this.remaining -= n;
    if (this.remaining === 0) this.state = next;
    return pos + n;
  }

  /** Bytes of a chunk-size line, the CRLF after chunk data, or a trailer line. */
  private readLine(buf: Buffer, pos: number): number {
    const lf = buf.indexOf(LF, pos);
    const end = lf < 0 ? buf.length : lf;
    if (this.line.length + (end - pos) > MAX_LINE) throw new HttpFormatError('a chunked-encoding line is too long');
    for (let i = pos; i < end; i++) this.line.push(buf[i] as number);
    if (lf < 0) return buf.length;
    if (this.line[this.line.length - 1] === CR) this.line.pop();
    const text = String.fromCharCode(...this.line);
    this.line = [];
    this.lineDone(text);
    return lf + 1;
  }

  private lineDone(text: string): void {
    if (this.state === 'data-end') {
      if (text !== '') throw new HttpFormatError('chunk data is longer than its size');
      this.state = 'size';
    } else if (this.state === 'size') {
      const hex = text.split(';')[0]?.trim() ?? '';
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new HttpFormatError(`bad chunk size "${text.slice(0, 40)}"`);
      this.remaining = Number.parseInt(hex, 16);
      this.state = this.remaining === 0 ? 'trailer' : 'data';
    } else if (text === '') this.state = 'done'; // the empty line after the trailers
  }

  private readHead(buf: Buffer, pos: number): number {
    const rest = buf.subarray(pos);
    this.headBytes.push(Buffer.from(rest)); // a copy: input buffers are reused
    this.headLength += rest.length;
    const all = this.headBytes.length === 1 ? (this.headBytes[0] as Buffer) : Buffer.concat(this.headBytes);
    const end = all.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.headLength > MAX_HEAD) throw new HttpFormatError('the response headers are too long');
      this.headBytes = [all];
      return buf.length;
    }
    this.headBytes = [];
    const head = parseHead(all.subarray(0, end).toString('latin1'));
    this.state = bodyState(head);
    if (this.state === 'length') {
      this.remaining = Number(head.headers.get('content-length'));
      if (this.remaining === 0) this.state = 'done';
    }
    this.onHead(head);
    // the body starts in this buffer: continue from its offset in `buf`
    return buf.length - (all.length - (end + 4));
  }
}

function parseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!m) throw new HttpFormatError(`not an HTTP/1.1 response ("${statusLine.slice(0, 40)}")`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpFormatError(`bad header line "${line.slice(0, 40)}"`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(m[1]), headers };
}

function bodyState(head: ResponseHead): State {
  if (head.status === 204 || head.status === 304 || (head.status >= 100 && head.status < 200)) return 'done';
  if (/\bchunked\b/i.test(head.headers.get('transfer-encoding') ?? '')) return 'size';
  const length = head.headers.get('content-length');
  if (length !== undefined) {
    if (!/^\d{1,15}$/.test(length)) throw new HttpFormatError(`bad Content-Length "${length.slice(0, 20)}"`);
    return 'length';
  }
  return 'close';
}
