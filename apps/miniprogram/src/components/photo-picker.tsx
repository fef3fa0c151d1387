import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { toastError } from '../lib/errors';
import { absoluteFileUrl, type FileRef, uploadTempFile } from '../lib/files';
import './photo-picker.css';

export interface PhotoPickerProps {
  /** File ids (what the record saves). */
  value: string[];
  onChange: (ids: string[]) => void;
  /** Signed links the record answered for ids it already has (`{ id, url, thumbUrl }`). */
  files?: FileRef[];
  /** At most this many photos (default 9, WeChat's limit per choice). */
  max?: number;
  /** The organisation the photos belong to (checked against the user's scope). */
  orgId?: string | null;
  disabled?: boolean;
  /** Text of the add tile, e.g. 添加照片. */
  addText?: string;
}

/**
 * Photos for a record: choose from the album or take one (`Taro.chooseImage`), each uploaded at
 * once to /api/files with the bearer token (`Taro.uploadFile`), shown as thumbnails from the
 * signed links; tap to preview, × to remove. Works in WeChat and in H5.
 * Stable hooks for tests: `.photo-picker`, `.photo-item`, `.photo-thumb`, `.photo-remove`, `.photo-add`.
 */
export function PhotoPicker(props: PhotoPickerProps) {
  const max = props.max ?? 9;
  const [links, setLinks] = useState<Record<string, FileRef>>({});
  const [uploading, setUploading] = useState(0);
  // Uploads finish one after another: add to the latest ids, not those of an old render.
  const latest = useRef(props.value);
  latest.current = props.value;

  const known = new Map((props.files ?? []).map((f) => [f.id, f]));
  const refOf = (id: string): FileRef | undefined => links[id] ?? known.get(id);
  const room = max - props.value.length - uploading;

  async function choose() {
    if (room <= 0) return;
    let chosen: Taro.chooseImage.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseImage({
        count: Math.min(room, 9),
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
    } catch {
      return; // cancelled
    }
    const files = chosen.tempFiles.length
      ? chosen.tempFiles
      : chosen.tempFilePaths.map((path) => ({ path, size: 0 }));
    if (files.length === 0) {
      // H5: a chosen file the browser cannot show as an image is dropped by Taro before we see it.
      void Taro.showToast({ title: '所选文件不是可用的图片，请重新选择', icon: 'none', duration: 3000 });
      return;
    }
    setUploading((n) => n + files.length);
    for (const f of files) {
      try {
        const original = (f as { originalFileObj?: { name?: string } }).originalFileObj;
        const up = await uploadTempFile(f.path, { fileName: original?.name, orgId: props.orgId });
        setLinks((l) => ({ ...l, [up.id]: { id: up.id, url: up.url, thumbUrl: up.thumbUrl } }));
        const next = [...latest.current, up.id];
        latest.current = next;
        props.onChange(next);
      } catch (e) {
        toastError(e);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  function remove(id: string) {
    const next = latest.current.filter((x) => x !== id);
    latest.current = next;
    props.onChange(next);
  }

  function preview(id: string) {
    const urls = props.value.flatMap((x) => {
      const r = refOf(x);
      return r ? [absoluteFileUrl(r.url)] : [];
    });
    const current = refOf(id);
    if (current) void Taro.previewImage({ urls, current: absoluteFileUrl(current.url) });
  }

  return (
    <View className="photo-picker">
      {props.value.map((id, i) => {
        const r = refOf(id);
        return (
          <View key={id} className="photo-item">
            {r ? (
              <Image
                className="photo-thumb"
                src={absoluteFileUrl(r.thumbUrl)}
                mode="aspectFill"
                onClick={() => preview(id)}
                ariaLabel={`照片${i + 1}`}
              />
            ) : (
              <View className="photo-missing">照片{i + 1}</View>
            )}
            {props.disabled ? null : (
              <View
                className="photo-remove"
                onClick={() => remove(id)}
                ariaLabel={`删除照片${i + 1}`}
                ariaRole="button"
              >
                ×
              </View>
            )}
          </View>
        );
      })}
      {Array.from({ length: uploading }, (_, i) => (
        <View key={`up-${i}`} className="photo-item">
          <View className="photo-missing">上传中…</View>
        </View>
      ))}
      {props.disabled || room <= 0 ? null : (
        <View
          className="photo-add"
          onClick={() => void choose()}
          ariaRole="button"
          ariaLabel={props.addText ?? '添加照片'}
        >
          <Text className="photo-add-plus">＋</Text>
          <Text className="photo-add-text">{props.addText ?? '添加照片'}</Text>
        </View>
      )}
      {props.disabled ? null : (
        <Text className="photo-hint">
          最多 {max} 张，支持 JPG、PNG、WebP{props.value.length ? `，已选 ${props.value.length} 张` : ''}
        </Text>
      )}
    </View>
  );
}
