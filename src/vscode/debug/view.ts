import * as vscode from 'vscode';
import type { FindingKind } from '../../core/model';
import type { DebugFinding } from './session';
import type { DebugWatcher, SessionRecord } from './watcher';

export type DebugNode = { readonly record: SessionRecord } | { readonly record: SessionRecord; readonly item: DebugFinding };

const SOURCE_LABELS: Readonly<Record<DebugFinding['source'], string>> = {
  stdout: 'stdout',
  stderr: 'stderr',
  console: 'debug console',
  variables: 'variable',
  watch: 'watch',
  hover: 'hover',
  repl: 'console evaluation',
};

const KIND_ICONS: Readonly<Record<FindingKind, string>> = {
  jwt: 'key',
  jwe: 'lock',
  'oauth-error': 'error',
  'auth-challenge': 'shield',
  'http-status': 'warning',
  'vendor-message': 'error',
  'token-request': 'arrow-right',
};

/** Context values the view's menus match (package.json contributes.menus["view/item/context"]). */
export const CONTEXT_TOKEN = 'tokenDoctor.debugFinding.token';
export const CONTEXT_ERROR = 'tokenDoctor.debugFinding.error';

/** The "Token Doctor" view in Run and Debug: session → finding. */
export class DebugFindingsTree implements vscode.TreeDataProvider<DebugNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DebugNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** One node object per finding, so the tree keeps selection and expansion. */
  private readonly nodes = new WeakMap<object, DebugNode>();

  constructor(
    private readonly watcher: DebugWatcher,
    private readonly diagnoseCommand: string,
  ) {
    // A burst of findings refreshes the view once.
    this.subscription = watcher.onDidChange(() => {
      this.pending ??= setTimeout(() => {
        this.pending = undefined;
        this.changed.fire(undefined);
      }, 100);
    });
  }

  getChildren(node?: DebugNode): DebugNode[] {
    if (!node) {
      return this.watcher
        .allRecords()
        .filter((r) => r.findings().length > 0)
        .map((r) => this.node(r, () => ({ record: r })));
    }
    if ('item' in node) return [];
    return node.record.findings().map((item) => this.node(item, () => ({ record: node.record, item })));
  }

  getTreeItem(node: DebugNode): vscode.TreeItem {
    if (!('item' in node)) {
      const r = node.record;
      const t = new vscode.TreeItem(r.name, vscode.TreeItemCollapsibleState.Expanded);
      const count = r.findings().length;
      t.id = `session:${r.id}`;
      t.description = `${count} finding${count === 1 ? '' : 's'}${r.ended ? ' · ended' : ''}`;
      t.iconPath = new vscode.ThemeIcon(r.ended ? 'debug-stop' : 'debug-alt');
      t.contextValue = 'tokenDoctor.debugSession';
      return t;
    }
    const d = node.item;
    const f = d.finding;
    const t = new vscode.TreeItem(f.summary, vscode.TreeItemCollapsibleState.None);
    t.id = d.id;
    t.description = `${SOURCE_LABELS[d.source]}${d.count > 1 ? ` · ×${d.count}` : ''}`;
    t.iconPath = new vscode.ThemeIcon(KIND_ICONS[f.kind] ?? 'circle-outline');
    t.contextValue = f.kind === 'jwt' || f.kind === 'jwe' ? CONTEXT_TOKEN : CONTEXT_ERROR;
    t.tooltip = `${f.summary}\nSeen in ${SOURCE_LABELS[d.source]}${d.count > 1 ? `, ${d.count} times` : ''}. Click to diagnose.`;
    t.command = { command: this.diagnoseCommand, title: 'Diagnose', arguments: [node] };
    return t;
  }

  getParent(node: DebugNode): DebugNode | undefined {
    return 'item' in node ? this.node(node.record, () => ({ record: node.record })) : undefined;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.subscription.dispose();
    this.changed.dispose();
  }

  private node(key: object, make: () => DebugNode): DebugNode {
    let n = this.nodes.get(key);
    if (!n) this.nodes.set(key, (n = make()));
    return n;
  }
}
