/** A plain CLI progress bar on stderr (only when it is a terminal; otherwise one line at the end). */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let last = -1;
  let total = 0;
  let done = 0;
  return {
    update: (n: number, of: number) => {
      done = n;
      total = of;
      if (!tty) return;
      const pct = of ? Math.floor((n / of) * 100) : 100;
      if (pct === last) return;
      last = pct;
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      process.stderr.write(`\r${label} [${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${pct}% (${n}/${of})`);
    },
    done: () => {
      if (total === 0) return;
      if (tty) process.stderr.write('\n');
      else process.stderr.write(`${label}: ${done}/${total}\n`);
    },
  };
}
