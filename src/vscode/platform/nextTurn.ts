/**
 * "Run this on a later turn of the event loop, after pending I/O", in both
 * extension hosts: Node's (setImmediate) and the browser worker of vscode.dev
 * (no setImmediate; a MessageChannel message is a macrotask without the 4 ms
 * clamp nested timers get). Returns a function that cancels the call.
 */
export type Cancel = () => void;

interface ImmediateGlobals {
  setImmediate?: (fn: () => void) => unknown;
  clearImmediate?: (handle: unknown) => void;
}

export function nextTurn(fn: () => void): Cancel {
  const g = globalThis as ImmediateGlobals;
  if (typeof g.setImmediate === 'function' && typeof g.clearImmediate === 'function') {
    const handle = g.setImmediate(fn);
    const clear = g.clearImmediate;
    return () => clear(handle);
  }
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    let cancelled = false;
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) fn();
    };
    channel.port2.postMessage(undefined);
    return () => {
      cancelled = true;
      channel.port1.close();
    };
  }
  const timer = setTimeout(fn, 0);
  return () => clearTimeout(timer);
}
