/**
 * Messages the panel's page may send, validated: anything else (unknown type,
 * wrong shapes, ids the current page does not show) is ignored. Pure.
 */
import type { PanelModel } from './panelModel';

/** What the panel's key buttons ask for. */
export const KEY_ACTIONS = ['verify', 'decrypt', 'manageKeys'] as const;
export type KeyAction = (typeof KEY_ACTIONS)[number];

export type PanelMessage =
  | { readonly type: 'copy'; readonly id: string }
  | { readonly type: 'tick'; readonly key: string; readonly checked: boolean }
  | { readonly type: 'keys'; readonly action: KeyAction; readonly item: number };

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
  if (
    m.type === 'keys' &&
    keys.length === 3 &&
    typeof m.action === 'string' &&
    (KEY_ACTIONS as readonly string[]).includes(m.action) &&
    typeof m.item === 'number' &&
    Number.isInteger(m.item) &&
    m.item >= 0 &&
    m.item < model.items.length
  ) {
    return { type: 'keys', action: m.action as KeyAction, item: m.item };
  }
  return undefined;
}
