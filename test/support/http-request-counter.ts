/**
 * Counts HTTP/1.1 requests in the bytes a client sends on one connection, so
 * the link simulator can count requests honestly on keep-alive connections
 * (where connections ≠ requests). It follows message framing only: a request
 * head up to the empty line, then a body of `Content-Length` bytes or in
 * chunked transfer coding. Enough for what fetch (undici) and tus-js-client send.
 */
export class HttpRequestCounter {
  /** Requests whose head was seen in full. */
  count = 0;
  private state: 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailer' = 'head';
  private line = '';
  private head = '';
  private remaining = 0;

  /** Feeds the next bytes the client sent, in order. */
  feed(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length) {
      if (this.state === 'body' || this.state === 'chunk-data') {
        const take = Math.min(this.remaining, bytes.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = this.state === 'body' ? 'head' : 'chunk-crlf';
        continue;
      }
      const byte = bytes[i++];
      if (byte !== 0x0a) {
        if (byte !== 0x0d) this.line += String.fromCharCode(byte);
        continue;
      }
      const line = this.line;
      this.line = '';
      this.endLine(line);
    }
  }

  private endLine(line: string): void {
    switch (this.state) {
      case 'head':
        if (line !== '') {
          this.head += `${line}\n`;
          return;
        }
        if (this.head === '') return; // stray empty line between requests
        this.count += 1;
        this.startBody(this.head);
        this.head = '';
        return;
      case 'chunk-size': {
        const size = parseInt(line.split(';')[0].trim(), 16);
        if (size === 0) this.state = 'trailer';
        else {
          this.remaining = size;
          this.state = 'chunk-data';
        }
        return;
      }
      case 'chunk-crlf':
        this.state = 'chunk-size';
        return;
      case 'trailer':
        if (line === '') this.state = 'head';
        return;
      default:
        return;
    }
  }

  private startBody(head: string): void {
    const headers = head.toLowerCase();
    if (/^transfer-encoding:.*chunked/m.test(headers)) {
      this.state = 'chunk-size';
      return;
    }
    const length = /^content-length:\s*(\d+)/m.exec(headers);
    this.remaining = length ? Number(length[1]) : 0;
    this.state = this.remaining > 0 ? 'body' : 'head';
  }
}
