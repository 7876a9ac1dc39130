// corpus: renders "Drop a ball"
import { useEffect, useRef } from "react";
import Matter from "matter-js";

export default function PhysicsPlayground() {
  const host = useRef<HTMLDivElement>(null);
  const engineRef = useRef<Matter.Engine | null>(null);

  useEffect(() => {
    const { Engine, Render, Runner, Bodies, Composite } = Matter;
    const engine = Engine.create();
    engineRef.current = engine;
    const render = Render.create({
      element: host.current!,
      engine,
      options: { width: 480, height: 320, wireframes: false, background: "#f8fafc" },
    });
    Composite.add(engine.world, [
      Bodies.rectangle(240, 310, 480, 20, { isStatic: true }),
      Bodies.circle(200, 40, 24, { restitution: 0.8, render: { fillStyle: "#6366f1" } }),
    ]);
    Render.run(render);
    const runner = Runner.create();
    Runner.run(runner, engine);
    return () => {
      Render.stop(render);
      Runner.stop(runner);
      render.canvas.remove();
    };
  }, []);

  const drop = () => {
    if (!engineRef.current) return;
    const x = 60 + Math.random() * 360;
    Matter.Composite.add(engineRef.current.world, Matter.Bodies.circle(x, 0, 12 + Math.random() * 16, { restitution: 0.9 }));
  };

  return (
    <div className="flex flex-col items-center gap-4 p-6">
      <button onClick={drop} className="rounded bg-indigo-600 px-4 py-2 text-white">Drop a ball</button>
      <div ref={host} className="overflow-hidden rounded-lg border" />
    </div>
  );
}
