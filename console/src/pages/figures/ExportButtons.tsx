import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadExport } from '../../lib/download-export';
import { exportQuery } from './figure-period';

/**
 * The CSV and JSON buttons of one export route (`/exports/<route>.csv|json`)
 * with the query parameters of the figures shown: every figure card and every
 * drill-down list downloads through this one pair, with the session's token.
 * A failed download is said beside the buttons.
 */
export function ExportButtons({
  route,
  params,
  labels,
  disabled,
}: {
  route: string;
  params: Record<string, string | null | undefined>;
  labels: { csv: string; json: string };
  disabled?: boolean;
}) {
  const { t } = useTranslation(['figures']);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  // (0: the request itself failed, without an HTTP status)
  const [failure, setFailure] = useState<number | null>(null);
  const download = async (format: 'csv' | 'json') => {
    setExporting(format);
    setFailure(null);
    try {
      setFailure(await downloadExport(`/exports/${route}.${format}${exportQuery(params)}`, `${route}.${format}`));
    } catch {
      setFailure(0);
    } finally {
      setExporting(null);
    }
  };
  return (
    <Space wrap>
      {(['csv', 'json'] as const).map((format) => (
        <Button key={format} disabled={disabled} loading={exporting === format} onClick={() => void download(format)}>
          {labels[format]}
        </Button>
      ))}
      {failure !== null && (
        <Typography.Text type="danger" role="alert">
          {t('figures:export.failed', { status: failure || '—' })}
        </Typography.Text>
      )}
    </Space>
  );
}
