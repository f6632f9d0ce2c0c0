/**
 * @module client/main
 * Entry of the PWA. Until the full PWA lands, the page shows the relay's status only
 * (issue "Sync core": nothing else here may be a placeholder).
 */
import { render } from 'solid-js/web';
import { RelayStatus } from './RelayStatus';
import './styles.css';

const root = document.getElementById('app');
if (root) render(() => <RelayStatus />, root);
