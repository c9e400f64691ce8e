import { useEffect, useState } from 'preact/hooks';
import { useChineseVoice } from '../../lib/use-chinese-voice.js';
import styles from './read-aloud.module.css';

/** 朗读: reads the text aloud with a Chinese voice; not shown where the phone has none. */
export function ReadAloud({ text }: { text: string }) {
  const voice = useChineseVoice();
  const [speaking, setSpeaking] = useState(false);
  // Leaving the page stops the reading.
  useEffect(() => () => globalThis.speechSynthesis?.cancel(), []);
  if (!voice) return null;

  const toggle = () => {
    speechSynthesis.cancel();
    if (speaking) {
      setSpeaking(false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    setSpeaking(true);
    speechSynthesis.speak(utterance);
  };
  return (
    <button type="button" class={styles.button} aria-pressed={speaking} data-testid="read-aloud-button" onClick={toggle}>
      {speaking ? '停止朗读' : '朗读'}
    </button>
  );
}
