import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { plainFileUrls, UploadError, type UploadedFile, uploadFile } from '../lib/upload';

export type FileUploadAccept = 'image' | 'document' | 'any';

const ACCEPT: Record<FileUploadAccept, string> = {
  image: 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp',
  document: '.pdf,.docx,.xlsx',
  any: 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx',
};

const HINT: Record<FileUploadAccept, string> = {
  image: '支持 JPG、PNG、WebP 图片',
  document: '支持 PDF、Word（.docx）、Excel（.xlsx）',
  any: '支持图片（JPG、PNG、WebP）和文档（PDF、.docx、.xlsx）',
};

/** What a record answers for a file it links (`fileUrls(id)` / `describeFiles`). */
export interface KnownFile {
  id: string;
  url?: string;
  thumbUrl?: string;
  originalName?: string;
}

export interface FileUploadProps {
  /** File ids (the form value). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** What may be chosen (the server checks the content anyway). Default: image. */
  accept?: FileUploadAccept;
  /** At most this many files. */
  max?: number;
  /** The organisation the files belong to (checked against the uploader's scope). */
  orgId?: string | null;
  /** Links and names the record already answered for some ids (else plain links by id). */
  files?: KnownFile[];
  disabled?: boolean;
  /** Accessible name / button text, e.g. 上传照片. */
  label?: string;
  /** Upload somewhere else than `/api/files` (e.g. an inspector's evidence); default `uploadFile`. */
  uploader?: (file: File) => Promise<UploadedFile>;
}

/**
 * Upload to `/api/files` (cookie + `X-Requested-With`), value = file ids. Images show as a
 * picture wall with thumbnails, documents as a list with a type icon; the server's Chinese error
 * is shown when it refuses a file. Works as a controlled antd Form item.
 * Stable hooks for tests: `.file-upload`, the hidden `input[type=file]`.
 */
export function FileUpload(props: FileUploadProps) {
  const { message } = App.useApp();
  const accept = props.accept ?? 'image';
  const value = props.value ?? [];
  // Uploads answer out of order: always add to the latest ids, not the ones of the render.
  const latest = useRef(value);
  latest.current = value;
  const [pending, setPending] = useState<UploadFile[]>([]);
  const [names, setNames] = useState<Record<string, { name: string; url: string; thumbUrl: string }>>({});

  const known = new Map((props.files ?? []).map((f) => [f.id, f]));
  const done: UploadFile[] = value.map((id) => {
    const k = known.get(id);
    const n = names[id];
    const plain = plainFileUrls(id);
    return {
      uid: id,
      name: n?.name ?? k?.originalName ?? '附件',
      status: 'done',
      url: n?.url ?? k?.url ?? plain.url,
      thumbUrl: n?.thumbUrl ?? k?.thumbUrl ?? plain.thumbUrl,
    };
  });
  const count = value.length + pending.length;
  const full = props.max !== undefined && count >= props.max;
  const label = props.label ?? (accept === 'image' ? '上传图片' : '上传文件');

  return (
    <div className="file-upload">
      <Upload
        accept={ACCEPT[accept]}
        listType={accept === 'image' ? 'picture-card' : 'picture'}
        multiple={props.max === undefined || props.max > 1}
        disabled={props.disabled}
        fileList={[...done, ...pending]}
        onPreview={(file) => {
          if (file.url) window.open(file.url, '_blank', 'noopener');
        }}
        onRemove={(file) => {
          if (file.status === 'done') {
            const next = latest.current.filter((id) => id !== file.uid);
            latest.current = next;
            props.onChange?.(next);
          } else {
            setPending((p) => p.filter((x) => x.uid !== file.uid));
          }
          return false;
        }}
        beforeUpload={(_file, list) => {
          if (props.max !== undefined && count + list.length > props.max) {
            message.error(`最多只能上传 ${props.max} 个文件`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          const f = file as File & { uid: string };
          setPending((p) => [...p, { uid: f.uid, name: f.name, status: 'uploading', percent: 30 }]);
          (props.uploader ? props.uploader(f) : uploadFile(f, { orgId: props.orgId }))
            .then((up: UploadedFile) => {
              setNames((n) => ({
                ...n,
                [up.id]: { name: up.originalName, url: up.url, thumbUrl: up.thumbUrl },
              }));
              setPending((p) => p.filter((x) => x.uid !== f.uid));
              const next = [...latest.current, up.id];
              latest.current = next;
              props.onChange?.(next);
              onSuccess?.(up);
            })
            .catch((e: unknown) => {
              const text = e instanceof UploadError ? e.message : '上传失败，请稍后重试';
              setPending((p) => p.filter((x) => x.uid !== f.uid));
              message.error(`${f.name}：${text}`);
              onError?.(e as Error);
            });
        }}
      >
        {full || props.disabled ? null : accept === 'image' ? (
          <button
            type="button"
            aria-label={label}
            style={{ border: 0, background: 'none', cursor: 'pointer' }}
          >
            <UploadOutlined aria-hidden />
            <div style={{ marginTop: 8 }}>{label}</div>
          </button>
        ) : (
          <Button icon={<UploadOutlined aria-hidden />}>{label}</Button>
        )}
      </Upload>
      {!props.disabled && <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{HINT[accept]}</div>}
    </div>
  );
}
