/**
 * ChurnSet: the members of a long-lived collection that come and go many times a second (the
 * requests on a transport's wire, the calls listening to one AbortSignal), with add, delete and
 * a snapshot; no order kept. Each member carries its own slot number, so delete is a swap with
 * the last member and a pop.
 *
 * Why not a Set: V8 keeps a Set's (and a Map's) entries in a hash table that it rebuilds when an
 * insert finds it full of live and deleted entries (about every 16 adds and deletes at 16 in
 * flight), and the old table keeps its entries and a link to its replacement (for iterators
 * still walking it). Once one table has been moved to the old generation, each young collection
 * finds the chain of newer tables through that dead table, keeps them and everything their
 * entries held, and promotes them to the old generation, where only a full collection clears
 * them. A Set of the requests in flight did this to every request's objects: at concurrency 16
 * a botojs process moved 0.4-0.7 MB to the old generation per young collection (a mark-compact
 * every few seconds) where an array moves a few KB; the collector's pauses fell from 8.6 to 3.0
 * us per GetObject and from 12.9 to 3.7 per GetItem (docs/PERFORMANCE.md, "Requests kept alive
 * by a Set's old tables"). An array's storage holds no such link, and the slots a delete frees
 * are cleared.
 */

/** What a ChurnSet's members carry: their slot; -1 before they join a set and after delete. */
export interface ChurnMember {
  churnSlot: number;
}

export class ChurnSet<T extends ChurnMember> {
  private readonly members: T[] = [];

  get size(): number {
    return this.members.length;
  }

  /** Adds `member` (a member already in this set stays where it is; one of another set is refused). */
  add(member: T): void {
    if (this.has(member)) return;
    // Its slot would be overwritten, and the other set could never delete it.
    if (member.churnSlot !== -1) throw new Error('ChurnSet: the member belongs to another set');
    member.churnSlot = this.members.length;
    this.members.push(member);
  }

  has(member: T): boolean {
    const slot = member.churnSlot;
    return slot >= 0 && this.members[slot] === member;
  }

  /** Removes `member`; false when it was not in this set. */
  delete(member: T): boolean {
    if (!this.has(member)) return false;
    const slot = member.churnSlot;
    const last = this.members.pop() as T;
    if (last !== member) {
      this.members[slot] = last;
      last.churnSlot = slot;
    }
    member.churnSlot = -1;
    return true;
  }

  /** The members now, as an array of their own: safe to walk while members are deleted. */
  snapshot(): T[] {
    return this.members.slice();
  }
}
