/**
 * Summarises a V8 CPU profile (.cpuprofile, e.g. from `SRB_STANDALONE_PROFILE` of standaloneWorker.ts):
 * the functions with the most self time, and the time under each of a few named functions (total time):
 *   node bin/run-ts.js bench/profileSummary.ts <file.cpuprofile> [top=30] [name,name,…]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function main(): void {
  const [file, topArg, namesArg] = process.argv.slice(2);
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const top = Number(topArg ?? 30);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const label = (n: ProfileNode) => {
    const f = n.callFrame;
    const where = f.url ? `${f.url.split("/").pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : "";
    return `${f.functionName || "(anonymous)"} ${where}`.trim();
  };
  const selfByLabel = new Map<string, number>();
  for (const [id, us] of self) {
    const key = label(byId.get(id)!);
    selfByLabel.set(key, (selfByLabel.get(key) ?? 0) + us);
  }
  const total = (profile.endTime - profile.startTime) / 1000;
  console.log(`profile: ${total.toFixed(0)} ms`);
  const rows = [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, us] of rows) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms self  ${key}`);
  for (const name of (namesArg ?? "").split(",").filter(Boolean)) {
    // total time: samples whose stack contains a frame of this name (counted once per sample)
    let us = 0;
    profile.samples.forEach((id, i) => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        if (byId.get(at)!.callFrame.functionName === name) {
          us += profile.timeDeltas[i] ?? 0;
          break;
        }
      }
    });
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms total under ${name}`);
  }
}

main();
