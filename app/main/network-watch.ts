// Refresh as soon as the network comes back, and after the computer wakes up, instead of waiting for the
// next scheduled refresh (which may be backed off after failures).
import { net, powerMonitor } from 'electron';
import { cameOnline } from './online-edge';

export const NETWORK_POLL_MS = 10_000;

export function watchNetworkAndPower(kick: () => void): () => void {
  let online = net.isOnline();
  const timer = setInterval(() => {
    const current = net.isOnline();
    if (cameOnline(online, current)) kick();
    online = current;
  }, NETWORK_POLL_MS);
  timer.unref();
  const onResume = () => kick();
  powerMonitor.on('resume', onResume);
  return () => {
    clearInterval(timer);
    powerMonitor.removeListener('resume', onResume);
  };
}
