// corpus: renders "25:00"
import { useEffect, useRef, useState } from "react";
import { Pause, Play, RotateCcw } from "lucide-react";

const MODES = { focus: 25 * 60, short: 5 * 60, long: 15 * 60 } as const;
type Mode = keyof typeof MODES;

function format(seconds: number) {
  const m = Math.floor(seconds / 60).toString().padStart(2, "0");
  const s = (seconds % 60).toString().padStart(2, "0");
  return `${m}:${s}`;
}

export default function Pomodoro() {
  const [mode, setMode] = useState<Mode>("focus");
  const [left, setLeft] = useState<number>(MODES.focus);
  const [running, setRunning] = useState(false);
  const timer = useRef<number | null>(null);

  useEffect(() => {
    if (!running) return;
    timer.current = window.setInterval(() => setLeft((l) => (l > 0 ? l - 1 : 0)), 1000);
    return () => {
      if (timer.current) window.clearInterval(timer.current);
    };
  }, [running]);

  const switchMode = (next: Mode) => {
    setMode(next);
    setLeft(MODES[next]);
    setRunning(false);
  };

  const progress = 1 - left / MODES[mode];

  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-8 bg-rose-500 text-white">
      <div className="flex gap-2 rounded-full bg-white/20 p-1">
        {(Object.keys(MODES) as Mode[]).map((m) => (
          <button
            key={m}
            onClick={() => switchMode(m)}
            className={`rounded-full px-4 py-1.5 text-sm capitalize ${mode === m ? "bg-white text-rose-600" : ""}`}
          >
            {m === "focus" ? "Focus" : m === "short" ? "Short break" : "Long break"}
          </button>
        ))}
      </div>
      <div className="text-8xl font-bold tabular-nums tracking-tight">{format(left)}</div>
      <div className="h-2 w-72 overflow-hidden rounded-full bg-white/30">
        <div className="h-full bg-white transition-all" style={{ width: `${progress * 100}%` }} />
      </div>
      <div className="flex gap-4">
        <button
          onClick={() => setRunning(!running)}
          className="flex items-center gap-2 rounded-xl bg-white px-6 py-3 font-semibold text-rose-600 shadow-lg"
        >
          {running ? <Pause size={18} /> : <Play size={18} />}
          {running ? "Pause" : "Start"}
        </button>
        <button onClick={() => switchMode(mode)} className="rounded-xl bg-white/20 p-3" aria-label="Reset">
          <RotateCcw size={18} />
        </button>
      </div>
    </div>
  );
}
