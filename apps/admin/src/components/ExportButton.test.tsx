import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeMe, renderRoutes } from '../test/render';
import { ExportButton, type ExportFile } from './ExportButton';

const file: ExportFile = { fileName: '发展团员台帐_城关区团委_20261129.xlsx', base64: btoa('PK'), rows: 3 };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ExportButton', () => {
  it('asks for the file once per click, saves it under its name and says how many rows', async () => {
    // jsdom has no object URLs: record what the browser would be asked to save.
    const saved: string[] = [];
    URL.createObjectURL = () => 'blob:test';
    URL.revokeObjectURL = () => {};
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    let calls = 0;
    renderRoutes(
      [
        {
          path: '/',
          element: (
            <ExportButton
              unit="人"
              onExport={async () => {
                calls++;
                return file;
              }}
            />
          ),
        },
      ],
      { me: makeMe('district_admin'), at: '/' },
    );
    fireEvent.click(await screen.findByRole('button', { name: '导出Excel' }));
    expect(await screen.findByText(`已导出3人：${file.fileName}`)).toBeTruthy();
    expect(calls).toBe(1);
    expect(saved).toEqual([file.fileName]);
  }, 20_000);

  it('a failed export saves nothing', async () => {
    const saved: string[] = [];
    URL.createObjectURL = () => 'blob:test';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    let calls = 0;
    renderRoutes(
      [
        {
          path: '/',
          element: (
            <ExportButton
              label="导出注册名单"
              onExport={async () => {
                calls++;
                throw new Error('导出失败');
              }}
            />
          ),
        },
      ],
      { me: makeMe('district_admin'), at: '/' },
    );
    fireEvent.click(await screen.findByRole('button', { name: '导出注册名单' }));
    await waitFor(() => expect(calls).toBe(1));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '导出注册名单' }).className).not.toContain('loading'),
    );
    expect(saved).toEqual([]);
  }, 20_000);
});
