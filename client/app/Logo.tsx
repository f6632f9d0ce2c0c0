/**
 * @module client/app/Logo
 * The app's mark (a folder with a padlock, as the installed icon), drawn inline so it needs
 * no request and follows the palette (`currentColor`). Decorative: the app's name always
 * stands next to it.
 */
import type { JSX } from 'solid-js';

export function Logo(props: { size?: number }): JSX.Element {
  return (
    <svg class="logo" width={props.size ?? 30} height={props.size ?? 30} viewBox="0 0 512 512" aria-hidden="true">
      <rect width="512" height="512" rx="104" fill="currentColor" />
      <path d="M112 168a24 24 0 0 1 24-24h86l28 28h126a24 24 0 0 1 24 24v164a24 24 0 0 1-24 24H136a24 24 0 0 1-24-24z" fill="#fff" />
      <rect x="220" y="262" width="72" height="60" rx="12" fill="currentColor" />
      <path d="M234 262v-14a22 22 0 0 1 44 0v14" fill="none" stroke="currentColor" stroke-width="12" />
    </svg>
  );
}
