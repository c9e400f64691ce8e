import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

/**
 * tus-js-client's HTTP layer over `fetch`: its browser default uses
 * XMLHttpRequest, which a service worker does not have, and its Node default
 * is Node's http module. With fetch the same upload code runs in the page,
 * the service worker and Node tests. Fetch reports no upload progress, so a
 * request's bytes count once its answer came (chunks are 64 KiB).
 */
export function createFetchHttpStack(doFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)): HttpStack {
  return {
    createRequest: (method, url) => new FetchRequest(method, url, doFetch),
    getName: () => 'FetchHttpStack',
  };
}

class FetchRequest implements HttpRequest {
  private readonly headers: Record<string, string> = {};
  private readonly controller = new AbortController();
  private onProgress: (bytesSent: number) => void = () => {};

  constructor(
    private readonly method: string,
    private readonly url: string,
    private readonly doFetch: typeof fetch,
  ) {}

  getMethod(): string {
    return this.method;
  }

  getURL(): string {
    return this.url;
  }

  setHeader(header: string, value: string): void {
    this.headers[header] = value;
  }

  getHeader(header: string): string | undefined {
    return this.headers[header];
  }

  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.onProgress = handler;
  }

  async send(body: Blob | null = null): Promise<HttpResponse> {
    const response = await this.doFetch(this.url, {
      method: this.method,
      headers: this.headers,
      body,
      signal: this.controller.signal,
      // Uploads are never cached, and never answered from the service worker's caches.
      cache: 'no-store',
    });
    const text = await response.text();
    if (body) this.onProgress(body.size);
    return new FetchResponse(response, text);
  }

  async abort(): Promise<void> {
    this.controller.abort();
  }

  getUnderlyingObject(): unknown {
    return this.controller;
  }
}

class FetchResponse implements HttpResponse {
  constructor(
    private readonly response: Response,
    private readonly body: string,
  ) {}

  getStatus(): number {
    return this.response.status;
  }

  getHeader(header: string): string | undefined {
    return this.response.headers.get(header) ?? undefined;
  }

  getBody(): string {
    return this.body;
  }

  getUnderlyingObject(): unknown {
    return this.response;
  }
}
