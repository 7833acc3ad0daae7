import { Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { authFetch } from '../../api/auth-fetch';

/** A photo of a finding: the upload's id (what the finding links) and its signed link (what the thumbnail shows). */
export interface Photo {
  id: string;
  filename: string;
  url: string;
}

/** The most photos a finding keeps (the api refuses more). */
const MAX_PHOTOS = 10;
const ACCEPTED = 'image/jpeg,image/png,image/webp';

type SendOptions = Parameters<NonNullable<UploadProps<Photo>['customRequest']>>[0];

/** Each photo as antd's Upload lists it: the upload's id is the list's key. */
export function asUploadFiles(photos: readonly Photo[]): UploadFile<Photo>[] {
  return photos.map((photo) => ({ uid: photo.id, name: photo.filename, status: 'done', url: photo.url, thumbUrl: photo.url, response: photo }));
}

/** The photos of a list whose uploads have finished, in the list's order. */
export function donePhotos(files: readonly UploadFile<Photo>[]): Photo[] {
  return files.filter((file) => file.status === 'done' && file.response).map((file) => file.response!);
}

/**
 * The photos of one finding: each one chosen is sent at once to POST /uploads
 * as INSPECTION_EVIDENCE (the file itself as the body, with the session's
 * access token) and shown from the signed link the api answers; saving the
 * findings links them. A refused file (too large, not a photo) says why.
 */
export function EvidenceUpload({ position, files, onChange }: { position: number; files: UploadFile<Photo>[]; onChange(files: UploadFile<Photo>[]): void }) {
  const { t } = useTranslation(['inspections']);
  const send = async ({ file, onSuccess, onError }: SendOptions) => {
    const blob = file as File;
    const query = new URLSearchParams({ purpose: 'INSPECTION_EVIDENCE', filename: blob.name || 'photo' });
    try {
      const response = await authFetch(`/uploads?${query}`, {
        method: 'POST',
        headers: { 'content-type': blob.type || 'application/octet-stream' },
        body: blob,
      });
      const body = (await response.json()) as { upload?: Photo; errors?: { extensions?: { code?: string } }[] };
      if (response.status !== 201 || !body.upload) {
        const code = body.errors?.[0]?.extensions?.code ?? 'FAILED';
        onError?.(new Error(t(`photos.refused.${code}`, { defaultValue: t('photos.refused.FAILED') })));
        return;
      }
      onSuccess?.({ id: body.upload.id, filename: body.upload.filename, url: body.upload.url });
    } catch {
      onError?.(new Error(t('photos.refused.FAILED')));
    }
  };
  return (
    <Upload<Photo>
      accept={ACCEPTED}
      listType="picture-card"
      multiple
      fileList={files}
      customRequest={(options) => void send(options)}
      onChange={({ fileList }) =>
        onChange(fileList.map((file) => (file.status === 'done' && file.response ? { ...file, url: file.response.url, thumbUrl: file.response.url } : file)))
      }
      showUploadList={{ showPreviewIcon: false }}
    >
      {files.length < MAX_PHOTOS && (
        <span className="inspection-photo-add" data-testid={`inspection-photo-add-${position}`}>
          {t('photos.add')}
        </span>
      )}
    </Upload>
  );
}
