import { useState } from 'preact/hooks';
import { useApp } from '../../lib/app-context.js';
import { hrefOf, parseRoute, type Route } from '../../lib/routes.js';
import { DEFAULT_STATION } from '../../model/idle-session.js';
import type { PageProps } from '../index.js';
import page from '../page.module.css';
import styles from './sign-in.module.css';

/** Sign in once, online; afterwards the app opens without a connection. */
export function Page({ route }: PageProps<Extract<Route, { name: 'sign-in' }>>) {
  const { actions, state } = useApp();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!login.trim() || !password) {
      setError('请填写账号和密码');
      return;
    }
    setBusy(true);
    const problem = await actions.signIn(login, password);
    setBusy(false);
    setError(problem);
    if (!problem) actions.navigate(route.next ? parseRoute(route.next) : { name: 'guides' });
  }

  return (
    <div class={page.page}>
      <h1 class={page.heading}>登录通办</h1>
      <p class={page.lead}>登录后，没有网络也能查看办事指南、填写申请。有网时会自动发送。</p>
      {state.replication.needsSignIn.value && (
        <p class={page.error} role="alert">
          登录已过期，请重新登录。手机上的内容不会丢。
        </p>
      )}
      <form class={page.card} onSubmit={submit} noValidate>
        <label class={styles.label} for="login">
          账号
        </label>
        <input
          id="login"
          class={styles.input}
          data-testid="login-input"
          autocomplete={state.station.value ? 'off' : 'username'}
          autocapitalize="none"
          value={login}
          onInput={(e) => setLogin(e.currentTarget.value)}
        />
        <label class={styles.label} for="password">
          密码
        </label>
        <input
          id="password"
          class={styles.input}
          data-testid="password-input"
          type="password"
          autocomplete={state.station.value ? 'off' : 'current-password'}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && (
          <p class={page.error} role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button class={`${page.primary} ${styles.submit}`} type="submit" data-testid="sign-in-button" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
      <a class={page.secondary} href={hrefOf({ name: 'guides' })}>
        先不登录，看看办事指南
      </a>
      <label class={styles.station}>
        <input
          type="checkbox"
          checked={state.station.value !== null}
          data-testid="station-mode"
          onChange={(e) => actions.setStation(e.currentTarget.checked ? DEFAULT_STATION : null)}
        />
        <span>
          这是便民服务站的公用平板
          <small class={styles.stationHint}>每个人用完自动退出（3 分钟没人动就提醒），下一位看不到上一位的内容。</small>
        </span>
      </label>
    </div>
  );
}
