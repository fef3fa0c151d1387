import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { API_ORIGIN, IS_H5 } from '../../lib/env';
import { getToken } from '../../lib/session';
import './photo-field.css';

/**
 * TEMPORARY photo field (used by pages/meetings/edit; switch it to components/photo-picker.tsx and delete this file). Written until `components/photo-picker.tsx` (helper "uploads") lands: the same
 * contract — Taro.chooseImage (camera or album) + Taro.uploadFile to POST /api/files with the
 * bearer token; the value is the list of file ids, thumbnails shown. Swap for the shared component.
 */
export interface PhotoItem {
  id: string;
  thumbUrl: string;
}

const FILES_URL = IS_H5 ? '/api/files' : `${API_ORIGIN}/api/files`;
const src = (u: string) => (IS_H5 || /^https?:/.test(u) ? u : `${API_ORIGIN}${u}`);

export function PhotoField({
  value,
  onChange,
  max = 9,
  testId,
}: {
  value: PhotoItem[];
  onChange: (next: PhotoItem[]) => void;
  max?: number;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (busy) return;
    let chosen: Taro.chooseImage.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseImage({
        count: Math.max(1, max - value.length),
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
      });
    } catch {
      return; // cancelled
    }
    setBusy(true);
    const added: PhotoItem[] = [];
    let failed = 0;
    for (const path of chosen.tempFilePaths) {
      try {
        const r = await Taro.uploadFile({
          url: FILES_URL,
          filePath: path,
          name: 'file',
          header: { Authorization: `Bearer ${getToken() ?? ''}` },
        });
        const body = JSON.parse(r.data) as { id?: string; thumbUrl?: string; error?: { message?: string } };
        if (r.statusCode >= 300 || !body.id) {
          failed++;
          void Taro.showToast({ title: body.error?.message ?? '照片上传失败', icon: 'none', duration: 3000 });
        } else {
          added.push({ id: body.id, thumbUrl: body.thumbUrl ?? '' });
        }
      } catch {
        failed++;
      }
    }
    setBusy(false);
    if (failed && !added.length)
      void Taro.showToast({ title: '照片上传失败，请重试', icon: 'none', duration: 3000 });
    if (added.length) onChange([...value, ...added]);
  };
  return (
    <View className="pf-field" id={testId}>
      {value.map((p) => (
        <View key={p.id} className="pf-thumb">
          <Image className="pf-img" src={src(p.thumbUrl)} mode="aspectFill" />
          <Text className="pf-remove" onClick={() => onChange(value.filter((x) => x.id !== p.id))}>
            ×
          </Text>
        </View>
      ))}
      {value.length < max ? (
        <View className={`pf-add ${busy ? 'pf-busy' : ''}`} onClick={() => void add()}>
          <Text>{busy ? '上传中…' : '＋ 照片'}</Text>
        </View>
      ) : null}
    </View>
  );
}
