/**
 * The Hosts view: every host the configs declare (and `local`), with its connection state and the last doctor
 * result (python, trainer, GPU checks). The doctor itself lives in the remote layer; this view only shows it.
 */
import * as vscode from "vscode";
import type { HostModel } from "../core/experiment/model";
import type { DoctorCheck } from "../core/hosts/doctor";
import type { ConfigIndex } from "./configs";

export type Connection = "unknown" | "connecting" | "connected" | "failed";

export type { DoctorCheck };

export interface HostHealth {
  connection: Connection;
  message?: string;
  checks?: DoctorCheck[];
  checkedAt?: string;
}

export type HostNode = { kind: "host"; host: HostModel } | { kind: "check"; host: string; check: DoctorCheck };

const CONNECTION_ICON: Record<Connection, [string, string | undefined]> = {
  unknown: ["circle-outline", undefined],
  connecting: ["sync~spin", "charts.blue"],
  connected: ["vm-active", "testing.iconPassed"],
  failed: ["vm-outline", "testing.iconFailed"],
};

export class HostsTree implements vscode.TreeDataProvider<HostNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HostNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly health = new Map<string, HostHealth>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly configs: ConfigIndex) {
    this.subscription = configs.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  setHealth(host: string, health: HostHealth): void {
    this.health.set(host, health);
    this.refresh();
  }

  healthOf(host: string): HostHealth {
    return this.health.get(host) ?? { connection: host === "local" ? "connected" : "unknown" };
  }

  async getChildren(node?: HostNode): Promise<HostNode[]> {
    if (!node) return (await this.configs.hosts()).map((host) => ({ kind: "host", host }));
    if (node.kind === "host") return (this.healthOf(node.host.name).checks ?? []).map((check) => ({ kind: "check", host: node.host.name, check }));
    return [];
  }

  getTreeItem(node: HostNode): vscode.TreeItem {
    if (node.kind === "check") {
      const item = new vscode.TreeItem(node.check.name, vscode.TreeItemCollapsibleState.None);
      item.description = node.check.detail;
      item.iconPath = new vscode.ThemeIcon(node.check.ok ? "check" : "close", new vscode.ThemeColor(node.check.ok ? "testing.iconPassed" : "testing.iconFailed"));
      return item;
    }
    const h = node.host;
    const health = this.healthOf(h.name);
    const item = new vscode.TreeItem(h.name, health.checks?.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    const where = h.kind === "local" ? "this machine" : h.ssh ?? "";
    item.description = [where, h.scheduler.type, health.connection === "unknown" ? "" : health.connection].filter(Boolean).join(" · ");
    item.tooltip = health.message ?? where;
    const [id, color] = CONNECTION_ICON[health.connection];
    item.iconPath = color ? new vscode.ThemeIcon(id, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(id);
    item.contextValue = `host-${h.kind}`;
    item.id = `host:${h.name}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
