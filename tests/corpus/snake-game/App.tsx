// corpus: renders "High score"
import { useCallback, useEffect, useRef, useState } from "react";

const SIZE = 16;
type Point = { x: number; y: number };

const randomFood = (): Point => ({ x: Math.floor(Math.random() * SIZE), y: Math.floor(Math.random() * SIZE) });

export default function Snake() {
  const [snake, setSnake] = useState<Point[]>([{ x: 8, y: 8 }]);
  const [food, setFood] = useState<Point>(randomFood);
  const [running, setRunning] = useState(false);
  const [best, setBest] = useState(() => Number(localStorage.getItem("snake-best") ?? 0));
  const dir = useRef<Point>({ x: 1, y: 0 });

  const reset = () => {
    setSnake([{ x: 8, y: 8 }]);
    dir.current = { x: 1, y: 0 };
    setFood(randomFood());
    setRunning(true);
  };

  const step = useCallback(() => {
    setSnake((s) => {
      const head = { x: (s[0].x + dir.current.x + SIZE) % SIZE, y: (s[0].y + dir.current.y + SIZE) % SIZE };
      if (s.some((p) => p.x === head.x && p.y === head.y)) {
        setRunning(false);
        return s;
      }
      const ate = head.x === food.x && head.y === food.y;
      const next = [head, ...s];
      if (ate) {
        setFood(randomFood());
        if (next.length - 1 > best) {
          setBest(next.length - 1);
          localStorage.setItem("snake-best", String(next.length - 1));
        }
      } else next.pop();
      return next;
    });
  }, [food, best]);

  useEffect(() => {
    if (!running) return;
    const t = setInterval(step, 120);
    return () => clearInterval(t);
  }, [running, step]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const map: Record<string, Point> = { ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 }, ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 } };
      if (map[e.key]) dir.current = map[e.key];
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-4 bg-lime-100">
      <div className="flex gap-6 font-mono">
        <span>Score {snake.length - 1}</span>
        <span>High score {best}</span>
      </div>
      <div className="grid gap-px bg-lime-300 p-px" style={{ gridTemplateColumns: `repeat(${SIZE}, 18px)` }}>
        {Array.from({ length: SIZE * SIZE }, (_, i) => {
          const x = i % SIZE;
          const y = Math.floor(i / SIZE);
          const isSnake = snake.some((p) => p.x === x && p.y === y);
          const isFood = food.x === x && food.y === y;
          return <div key={i} className={`h-[18px] w-[18px] ${isSnake ? "bg-lime-800" : isFood ? "bg-red-500 rounded-full" : "bg-lime-50"}`} />;
        })}
      </div>
      <button onClick={reset} className="rounded bg-lime-700 px-4 py-2 text-white">{running ? "Restart" : "Start"}</button>
    </div>
  );
}
