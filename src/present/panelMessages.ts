/**
 * Messages the panel's page may send, validated: anything else (unknown type,
 * wrong shapes, ids the current page does not show) is ignored. Pure.
 */
import type { PanelModel } from './panelModel';

export type PanelMessage = { readonly type: 'copy'; readonly id: string } | { readonly type: 'tick'; readonly key: string; readonly checked: boolean };

/** The message if it is well-formed and names something the model shows, else undefined. */
export function parseMessage(raw: unknown, model: PanelModel | undefined): PanelMessage | undefined {
  if (!model || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  const keys = Object.keys(m);
  if (m.type === 'copy' && keys.length === 2 && typeof m.id === 'string' && model.copies.has(m.id)) {
    return { type: 'copy', id: m.id };
  }
  if (m.type === 'tick' && keys.length === 3 && typeof m.key === 'string' && typeof m.checked === 'boolean' && model.manualKeys.has(m.key)) {
    return { type: 'tick', key: m.key, checked: m.checked };
  }
  return undefined;
}
