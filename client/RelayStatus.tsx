/**
 * @module client/RelayStatus
 * Shows whether the relay that served this page is up, from its `GET /health`.
 */
import { createResource, Show, type JSX } from 'solid-js';
import { t } from './strings';

interface Health { status: string; version: string; rooms: number; sockets: number; uptimeSeconds: number }

async function fetchHealth(): Promise<Health> {
  const res = await fetch('/health', { cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Health;
}

export function RelayStatus(): JSX.Element {
  const [health, { refetch }] = createResource(fetchHealth);
  return (
    <main class="status">
      <h1>{t.appName}</h1>
      <p class="lead">{t.tagline}</p>
      <section aria-live="polite" class="card">
        <h2>{t.relayStatus}</h2>
        <Show when={!health.loading} fallback={<p>{t.checking}</p>}>
          <Show when={health()} fallback={<p class="bad" data-testid="relay-state">{t.relayDown}</p>}>
            {(h) => (
              <dl>
                <dt>{t.state}</dt>
                <dd class="good" data-testid="relay-state">{h().status === 'ok' ? t.relayUp : h().status}</dd>
                <dt>{t.version}</dt><dd>{h().version}</dd>
                <dt>{t.rooms}</dt><dd>{h().rooms}</dd>
                <dt>{t.sockets}</dt><dd>{h().sockets}</dd>
              </dl>
            )}
          </Show>
        </Show>
        <button type="button" onClick={() => void refetch()}>{t.refresh}</button>
      </section>
    </main>
  );
}
