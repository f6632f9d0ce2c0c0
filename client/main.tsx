/**
 * @module client/main
 * Entry of the PWA: registers the service worker (offline start) and renders the app, which
 * begins locked (client/app/App).
 */
import { render } from 'solid-js/web';
import { App } from './app/App';
import { registraServiceWorker } from './app/pwa';
import { catturaLinkConsegna } from './chiavi/linkConsegna';
import './styles.css';

// Before anything reads the address: a hand-over link's keys leave the address bar at once.
catturaLinkConsegna();
registraServiceWorker();
const root = document.getElementById('app');
if (root) render(() => <App />, root);
