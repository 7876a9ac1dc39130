// A spinning cube on React Three Fiber, the way generated 3D demos start.
import { useRef, useState } from "react";
import { Canvas, useFrame } from "@react-three/fiber";
import { OrbitControls } from "@react-three/drei";
import type { Mesh } from "three";

function Cube({ onFrame }: { onFrame: () => void }) {
  const mesh = useRef<Mesh>(null);
  useFrame((_, delta) => {
    if (!mesh.current) return;
    mesh.current.rotation.x += delta;
    mesh.current.rotation.y += delta * 0.7;
    onFrame();
  });
  return (
    <mesh ref={mesh}>
      <boxGeometry args={[2, 2, 2]} />
      <meshStandardMaterial color="#f97316" />
    </mesh>
  );
}

export default function App() {
  const frames = useRef(0);
  const [shown, setShown] = useState(0);
  return (
    <div className="flex h-screen flex-col bg-slate-900">
      <p data-testid="frames" className="p-2 text-sm text-slate-300">
        Frames: {shown}
      </p>
      <div className="flex-1">
        <Canvas camera={{ position: [0, 0, 5] }} gl={{ preserveDrawingBuffer: true }}>
          <color attach="background" args={["#0f172a"]} />
          <ambientLight intensity={0.6} />
          <directionalLight position={[3, 3, 5]} intensity={1.5} />
          <Cube
            onFrame={() => {
              frames.current += 1;
              if (frames.current % 10 === 0) setShown(frames.current);
            }}
          />
          <OrbitControls />
        </Canvas>
      </div>
    </div>
  );
}
