/**
 * Parts of the dialogue page added with the follow-up (issue 14): cancel a dialogue not yet held (reason; the
 * registrants are told), the files of a held dialogue (signed minutes, photos) with their upload, and how many
 * village / residential-group heads received the conclusion.
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Typography } from 'antd';
import { apiFetch } from '../../http.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDate } from '../../ui/format.ts';
import { useDT } from './i18n.ts';
import type { Dialogue } from './api.ts';

/** The parts of getDialogue's answer these panels read (a subset, so a test can pass only what it shows). */
export type DialogueExtrasData = Pick<Dialogue, 'id' | 'status'> & {
  sentToVillageHeads?: Dialogue['sentToVillageHeads'];
  cancellation?: Dialogue['cancellation'];
  attachments?: Pick<Dialogue['attachments'][number], 'id' | 'fileName' | 'url' | 'sizeBytes'>[];
};

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

const h2 = (text: string) => <h2 style={{ margin: 0, fontSize: 18 }}>{text}</h2>;

export function DialogueExtras({ d, onChange }: { d: DialogueExtrasData; onChange: () => void }) {
  const { dt } = useDT();
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {d.cancellation ? (
        <Alert type="warning" showIcon data-testid="dlg-cancelled" title={`${dt('cancelledOn')} ${formatDate(d.cancellation.cancelledOn)}: ${d.cancellation.reason}`} description={dt('registrantsTold').replace('{n}', String(d.cancellation.registrantsTold))} />
      ) : null}
      {d.sentToVillageHeads ? (
        <Alert type="info" showIcon data-testid="dlg-sent-heads" title={dt('sentToHeads').replace('{heads}', String(d.sentToVillageHeads.heads)).replace('{app}', String(d.sentToVillageHeads.app)).replace('{email}', String(d.sentToVillageHeads.email))} />
      ) : null}
      <ErrorAlert error={error} />
      {(d.status === 'held' || d.status === 'concluded') && (
        <Card title={h2(dt('attachments'))}>
          {d.attachments?.length ? (
            <ul>
              {d.attachments.map((a) => (
                <li key={a.id}>
                  <a href={a.url}>{a.fileName}</a>
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Paragraph type="secondary">{dt('noAttachments')}</Typography.Paragraph>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => apiFetch('POST', `/dialogues/${d.id}/attachments`, { body: { files: await Promise.all(files.map(async (f) => ({ fileName: f.name, dataBase64: await readBase64(f) }))) } }));
            }}
          >
            <label htmlFor="dlg-files" style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
              {dt('attachFiles')}
            </label>
            <input id="dlg-files" type="file" multiple accept="image/*,application/pdf" onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
            <div style={{ marginTop: 8 }}>
              <Button htmlType="submit" loading={busy} disabled={!files.length} data-testid="dlg-attach">
                {dt('attach')}
              </Button>
            </div>
          </form>
        </Card>
      )}
      {(d.status === 'planned' || d.status === 'noticed') && (
        <Card title={h2(dt('cancel'))}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => apiFetch('POST', `/dialogues/${d.id}/cancel`, { body: { reason } }));
            }}
          >
            <label htmlFor="dlg-cancel-reason" style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
              {dt('cancelReason')}
            </label>
            <Input.TextArea id="dlg-cancel-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            <div style={{ marginTop: 8 }}>
              <Button danger htmlType="submit" loading={busy} disabled={!reason.trim()} data-testid="dlg-cancel">
                {dt('cancel')}
              </Button>
            </div>
          </form>
        </Card>
      )}
    </>
  );
}
