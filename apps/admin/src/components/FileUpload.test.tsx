import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeMe, renderRoutes } from '../test/render';
import { FileUpload } from './FileUpload';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function Harness(props: { initial: string[]; seen: string[][] }) {
  const [ids, setIds] = useState(props.initial);
  return (
    <FileUpload
      value={ids}
      label="上传照片"
      onChange={(next) => {
        props.seen.push(next);
        setIds(next);
      }}
    />
  );
}

function show(initial: string[], seen: string[][]) {
  return renderRoutes([{ path: '/', element: <Harness initial={initial} seen={seen} /> }], {
    me: makeMe('district_admin'),
    at: '/',
  });
}

function choose(container: HTMLElement, file: File) {
  const input = container.querySelector('input[type=file]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [file] } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('FileUpload', () => {
  it('shows the thumbnails of the ids it has and removes one', async () => {
    const seen: string[][] = [];
    const { container } = show([A, B], seen);
    await waitFor(() => expect(container.querySelectorAll('.ant-upload-list-item img')).toHaveLength(2));
    const srcs = [...container.querySelectorAll('.ant-upload-list-item img')].map((i) =>
      i.getAttribute('src'),
    );
    expect(srcs).toEqual([`/api/files/${A}/thumb`, `/api/files/${B}/thumb`]);
    fireEvent.click(container.querySelectorAll('button[title="删除文件"]')[0]!);
    await waitFor(() => expect(seen).toEqual([[B]]));
  }, 20_000);

  it('uploads with the cookie and X-Requested-With, adds the new id and shows its thumbnail', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(
        JSON.stringify({
          id: B,
          kind: 'image',
          mime: 'image/jpeg',
          sizeBytes: 3,
          originalName: '升旗.jpg',
          width: 1,
          height: 1,
          url: `/api/files/${B}?t=x&e=1&s=y`,
          thumbUrl: `/api/files/${B}/thumb?t=x&e=1&s=y`,
        }),
        { status: 201, headers: { 'content-type': 'application/json' } },
      );
    });
    const seen: string[][] = [];
    const { container } = show([A], seen);
    choose(container, new File(['abc'], '升旗.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(seen).toEqual([[A, B]]));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/files');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect((calls[0]!.init.headers as Record<string, string>)['X-Requested-With']).toBe('tuanjian');
    const sent = calls[0]!.init.body as FormData;
    expect((sent.get('file') as File).name).toBe('升旗.jpg');
    await waitFor(() =>
      expect(
        [...container.querySelectorAll('.ant-upload-list-item img')].map((i) => i.getAttribute('src')),
      ).toContain(`/api/files/${B}/thumb?t=x&e=1&s=y`),
    );
  }, 20_000);

  it('shows the server’s Chinese refusal and keeps the value as it was', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            error: {
              message:
                '不支持的文件类型：只能上传图片（JPG、PNG、WebP）或文档（PDF、Word .docx、Excel .xlsx）',
              data: { appCode: 'INVALID_INPUT' },
            },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    );
    const seen: string[][] = [];
    const { container } = show([A], seen);
    choose(container, new File(['<html>'], '照片.jpg', { type: 'image/jpeg' }));
    expect(await screen.findByText(/照片\.jpg：不支持的文件类型/)).toBeTruthy();
    expect(seen).toEqual([]);
    await waitFor(() => expect(container.querySelectorAll('.ant-upload-list-item')).toHaveLength(1));
  }, 20_000);
});
