/** The hashes of the last writes of one persistence instance, per sidecar: its own watcher events are recognised. */
export class OwnWrites {
  private readonly byLocation = new Map<string, string[]>();

  constructor(private readonly keep = 16) {}

  add(location: string, hash: string): void {
    const list = this.byLocation.get(location) ?? [];
    list.push(hash);
    if (list.length > this.keep) list.shift();
    this.byLocation.set(location, list);
  }

  has(location: string, hash: string): boolean {
    return this.byLocation.get(location)?.includes(hash) ?? false;
  }
}
