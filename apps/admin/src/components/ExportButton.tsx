import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { downloadBase64, XLSX_MIME } from '../lib/download';

export interface ExportFile {
  fileName: string;
  base64: string;
  rows: number;
}

/**
 * 导出Excel: asks the server for the ledger with the list's current filters (`onExport`, usually a
 * `trpcClient.exports.*.mutate(filters)`) and saves the .xlsx; errors go to the global handler.
 */
export function ExportButton(props: {
  onExport: () => Promise<ExportFile>;
  /** Unit in the success message, e.g. 人, 条, 个. */
  unit?: string;
  label?: string;
  disabled?: boolean;
  type?: 'primary' | 'default';
}) {
  const { message } = App.useApp();
  const exporter = useMutation({
    mutationFn: props.onExport,
    onSuccess: (file) => {
      downloadBase64(file.fileName, file.base64, XLSX_MIME);
      message.success(`已导出${file.rows}${props.unit ?? '条'}：${file.fileName}`);
    },
  });
  return (
    <Button
      type={props.type}
      icon={<DownloadOutlined aria-hidden />}
      loading={exporter.isPending}
      disabled={props.disabled}
      onClick={() => exporter.mutate()}
    >
      {props.label ?? '导出Excel'}
    </Button>
  );
}
