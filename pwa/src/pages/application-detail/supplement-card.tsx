import { useState } from 'preact/hooks';
import type { ApplicationDoc, MaterialPage, StatusMaterial } from '../../../../sync-protocol/index.js';
import { useApp } from '../../lib/app-context.js';
import { isPhotoError, processPhoto } from '../../media/index.js';
import { supplementKeyOf, type SupplementRequest } from '../../model/supplement-request.js';
import page from '../page.module.css';
import styles from './application-detail.module.css';

interface TakenPage {
  page: MaterialPage;
  thumbnailUrl: string;
}

/**
 * 补件: the materials the province asked for, each with its reason and a
 * camera button. Works offline: the photos go into the locker and the
 * supplement into the application; both are sent when there is a network.
 */
export function SupplementCard({ app, request }: { app: ApplicationDoc; request: SupplementRequest }) {
  if (request.answer) {
    const count = request.answer.materials.reduce((n, m) => n + m.pages.length, 0);
    return (
      <div class={page.card} data-testid="supplement-sent">
        <p class={styles.cardTitle}>已补交 {count} 张照片</p>
        <p class={styles.stepLine}>有网络时自动发送给办理部门，请等待审核结果。</p>
      </div>
    );
  }
  return <SupplementForm app={app} request={request} />;
}

function SupplementForm({ app, request }: { app: ApplicationDoc; request: SupplementRequest }) {
  const { data, actions } = useApp();
  const [pages, setPages] = useState<Record<number, TakenPage[]>>({});
  const [busy, setBusy] = useState<number | null>(null);
  const [problem, setProblem] = useState<Record<number, string>>({});
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const ready = request.materials.every((_, i) => (pages[i]?.length ?? 0) > 0);

  async function take(index: number, material: StatusMaterial, file: File | undefined) {
    if (!file) return;
    setBusy(index);
    setProblem((p) => ({ ...p, [index]: '' }));
    try {
      const photo = await processPhoto(file);
      const item = await actions.write(() =>
        data.putMaterial({
          blob: photo.image,
          thumbnail: photo.thumbnail,
          meta: { kind: 'photo', label: material.name, materialKey: supplementKeyOf(material, app, index), width: photo.width, height: photo.height },
        }),
      );
      const taken: TakenPage = {
        page: { sha256: item.sha256, bytes: item.bytes, contentType: item.contentType, width: photo.width, height: photo.height },
        thumbnailUrl: URL.createObjectURL(photo.thumbnail),
      };
      setPages((p) => ({ ...p, [index]: [...(p[index] ?? []).filter((t) => t.page.sha256 !== item.sha256), taken] }));
    } catch (error) {
      setProblem((p) => ({ ...p, [index]: isPhotoError(error) ? error.message : '照片没有保存下来，请再拍一次' }));
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    setSending(true);
    setFailed(null);
    try {
      await actions.write(() =>
        data.addSupplement(app.id, {
          requestedBy: request.status.id,
          materials: request.materials.map((m, i) => ({ key: supplementKeyOf(m, app, i), name: m.name, pages: (pages[i] ?? []).map((t) => t.page) })),
        }),
      );
    } catch (error) {
      setFailed(error instanceof Error ? error.message : '没有保存下来，请再试一次');
    } finally {
      setSending(false);
    }
  }

  return (
    <div class={page.card} data-testid="supplement-form">
      <p class={styles.cardTitle}>请补交下面的材料</p>
      {request.status.message && <p class={styles.stepLine}>{request.status.message}</p>}
      {request.materials.map((material, index) => (
        <div key={index} class={styles.askedItem} data-testid="supplement-material">
          <p class={styles.askedName}>{material.name}</p>
          <p class={styles.reason}>原因：{material.reason}</p>
          <div class={styles.thumbs}>
            {(pages[index] ?? []).map((t) => (
              <img key={t.page.sha256} src={t.thumbnailUrl} alt={`${material.name}照片`} class={styles.thumb} />
            ))}
          </div>
          <label class={page.secondary}>
            {busy === index ? '正在处理照片…' : (pages[index]?.length ?? 0) > 0 ? '再拍一张' : '拍照补交'}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              class={styles.hiddenInput}
              data-testid="supplement-photo"
              disabled={busy !== null}
              onChange={(e) => {
                const input = e.currentTarget;
                void take(index, material, input.files?.[0]).finally(() => (input.value = ''));
              }}
            />
          </label>
          {problem[index] && (
            <p class={page.error} role="alert">
              {problem[index]}
            </p>
          )}
        </div>
      ))}
      <button type="button" class={page.primary} data-testid="send-supplement" disabled={!ready || sending || busy !== null} onClick={() => void send()}>
        {sending ? '正在保存…' : ready ? '提交补件' : '每份材料拍好后才能提交'}
      </button>
      {failed && (
        <p class={page.error} role="alert">
          {failed}
        </p>
      )}
    </div>
  );
}
