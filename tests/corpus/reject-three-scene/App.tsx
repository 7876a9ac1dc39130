// corpus: rejected import-blocked
// The seed's blocked list keeps three.js out for its size: the build answers with the block and
// its alternatives (an operator's examples/allowlist-3d.toml lifts it).
import { useEffect, useRef } from "react";
import * as THREE from "three";

export default function Scene() {
  const mount = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const scene = new THREE.Scene();
    const camera = new THREE.PerspectiveCamera(75, 1, 0.1, 1000);
    const renderer = new THREE.WebGLRenderer();
    renderer.setSize(400, 400);
    mount.current?.appendChild(renderer.domElement);
    const cube = new THREE.Mesh(new THREE.BoxGeometry(), new THREE.MeshNormalMaterial());
    scene.add(cube);
    camera.position.z = 3;
    renderer.setAnimationLoop(() => {
      cube.rotation.y += 0.01;
      renderer.render(scene, camera);
    });
    return () => renderer.setAnimationLoop(null);
  }, []);
  return <div ref={mount} />;
}
