import Taro from '@tarojs/taro';

/**
 * A `fetch` for @trpc/client built on `Taro.request`, so the same client works in
 * the WeChat mini-program (wx.request) and in H5 (window.fetch underneath).
 * Only what tRPC's http links use is implemented: method, headers, string body,
 * abort signal, and a response with `ok`, `status`, `headers.get`, `json()`, `text()`.
 */

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

interface MiniResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

type HeaderInput = Record<string, string> | [string, string][] | undefined;

/** tRPC hands over a plain object; arrays are accepted for completeness. */
function toRecord(headers: HeaderInput): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...headers };
}

function makeResponse(
  statusCode: number,
  data: unknown,
  header: Record<string, string> | undefined,
): MiniResponse {
  const body = typeof data === 'string' ? data : data == null ? '' : JSON.stringify(data);
  const lowerHeaders: Record<string, string> = {};
  for (const [key, value] of Object.entries(header ?? {})) lowerHeaders[key.toLowerCase()] = String(value);
  return {
    ok: statusCode >= 200 && statusCode < 300,
    status: statusCode,
    statusText: String(statusCode),
    headers: { get: (name) => lowerHeaders[name.toLowerCase()] ?? null },
    text: async () => body,
    json: async () => {
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new Error(
          statusCode >= 500 || statusCode === 0
            ? `服务暂时不可用（HTTP ${statusCode}），请稍后重试`
            : `服务器返回了无法识别的内容（HTTP ${statusCode}）`,
        );
      }
    },
  };
}

export interface TaroFetchInit {
  method?: string;
  headers?: HeaderInput;
  body?: unknown;
  signal?: AbortSignal | null;
}

export function taroFetch(
  input: string | URL | { url: string },
  init: TaroFetchInit = {},
): Promise<MiniResponse> {
  const url = typeof input === 'string' ? input : 'url' in input ? input.url : String(input);
  const { signal } = init;
  return new Promise<MiniResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('请求已取消'));
      return;
    }
    let settled = false;
    const task = Taro.request({
      url,
      method: (init.method ?? 'GET').toUpperCase() as 'GET',
      header: toRecord(init.headers),
      data: typeof init.body === 'string' ? init.body : undefined,
      dataType: 'text',
      responseType: 'text',
      timeout: 20_000,
      success(res) {
        if (settled) return;
        settled = true;
        resolve(makeResponse(res.statusCode, res.data, res.header as Record<string, string> | undefined));
      },
      fail() {
        if (settled) return;
        settled = true;
        reject(new Error(NETWORK_ERROR_MESSAGE));
      },
    });
    // Taro.request also returns a promise; failures are handled in `fail` above.
    (task as unknown as Promise<unknown>).catch?.(() => undefined);
    signal?.addEventListener(
      'abort',
      () => {
        if (settled) return;
        settled = true;
        task.abort?.();
        reject(signal.reason ?? new Error('请求已取消'));
      },
      { once: true },
    );
  });
}
