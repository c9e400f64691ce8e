import { useEffect, useRef, useState } from 'preact/hooks';
import type SignaturePadType from 'signature_pad';
import styles from './signature-pad.module.css';

interface Props {
  /** The drawn signature as a PNG on white, when 确认 is pressed. */
  onConfirm(png: Blob): void;
  busy?: boolean;
  confirmLabel?: string;
}

/**
 * A signature pad as wide as the screen, drawn with a finger. The library is
 * loaded only when a commitment is signed, so the form's chunk stays small.
 */
export function SignaturePad({ onConfirm, busy, confirmLabel = '确认签名' }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePadType | null>(null);
  const [empty, setEmpty] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void import('signature_pad').then(({ default: SignaturePad }) => {
      if (!live || !canvas.current) return;
      fitToScreen(canvas.current);
      const instance = new SignaturePad(canvas.current, { backgroundColor: '#ffffff', penColor: '#000000', minWidth: 1.5, maxWidth: 4 });
      instance.clear(); // paints the white background
      instance.addEventListener('endStroke', () => setEmpty(instance.isEmpty()));
      pad.current = instance;
    });
    return () => {
      live = false;
      pad.current?.off();
      pad.current = null;
    };
  }, []);

  const clear = () => {
    pad.current?.clear();
    setEmpty(true);
    setProblem(null);
  };
  const confirm = () => {
    const instance = pad.current;
    if (!instance || instance.isEmpty() || !canvas.current) {
      setProblem('请先在白框里用手指写下您的名字');
      return;
    }
    canvas.current.toBlob((blob) => (blob ? onConfirm(blob) : setProblem('签名没有存上，请再写一次')), 'image/png');
  };

  return (
    <div class={styles.wrap}>
      <p class={styles.hint}>请在下面白框里用手指写下您的名字：</p>
      <canvas ref={canvas} class={styles.canvas} data-testid="signature-canvas" aria-label="签名区" />
      {problem && (
        <p class={styles.error} role="alert">
          {problem}
        </p>
      )}
      <div class={styles.buttons}>
        <button type="button" class={styles.clear} data-testid="signature-clear" onClick={clear} disabled={busy}>
          清除重写
        </button>
        <button type="button" class={styles.confirm} data-testid="signature-confirm" onClick={confirm} disabled={busy || empty}>
          {busy ? '正在提交…' : confirmLabel}
        </button>
      </div>
    </div>
  );
}

/** Sizes the drawing buffer to the element and the screen's pixel ratio, so lines are sharp and under the finger. */
function fitToScreen(canvas: HTMLCanvasElement): void {
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  const { width, height } = canvas.getBoundingClientRect();
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.getContext('2d')?.scale(ratio, ratio);
}
