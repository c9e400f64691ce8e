import type { ApplicationDoc } from '../../../../sync-protocol/index.js';
import { qrMatrix } from '../../lib/qr-code.js';

/**
 * The receipt as a picture to keep in the phone's album (保存图片): the
 * tracking code, its QR code, what was filed and when. Drawn on a canvas,
 * so it needs no network and no library.
 */
export async function drawReceiptImage(app: ApplicationDoc & { trackingCode: string }, submittedAt: string): Promise<Blob> {
  const width = 720;
  const matrix = qrMatrix(app.trackingCode);
  const module = Math.floor(360 / matrix.length);
  const qrSize = module * matrix.length;
  const lines = [`办理事项：${app.guideName}`, `申请人：${app.applicant.name}`, `提交时间：${submittedAt}`, ...materialLines(app)];
  const height = 200 + qrSize + 60 + lines.length * 44 + 40;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText('通办 申请回执', width / 2, 64);
  ctx.font = '26px sans-serif';
  ctx.fillText('查询码', width / 2, 118);
  ctx.font = 'bold 38px monospace';
  ctx.fillText(app.trackingCode, width / 2, 166);
  const left = (width - qrSize) / 2;
  matrix.forEach((row, y) => row.forEach((dark, x) => dark && ctx.fillRect(left + x * module, 190 + y * module, module, module)));
  ctx.textAlign = 'left';
  ctx.font = '28px sans-serif';
  lines.forEach((line, i) => ctx.fillText(line, 40, 190 + qrSize + 60 + i * 44, width - 80));
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob gave nothing'))), 'image/png'));
}

function materialLines(app: ApplicationDoc): string[] {
  return (app.materials ?? []).map((m) => (m.waived ? `${m.name}：暂缺，已承诺补交` : `${m.name}：${m.pages.length}页`));
}
