// corpus: renders "Tap a key"
import { useRef, useState } from "react";
import * as Tone from "tone";

const NOTES = ["C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5"];

export default function SynthKeyboard() {
  const synth = useRef<Tone.PolySynth | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const [wave, setWave] = useState<"sine" | "square" | "triangle">("triangle");

  const play = async (note: string) => {
    await Tone.start();
    if (!synth.current) synth.current = new Tone.PolySynth(Tone.Synth).toDestination();
    synth.current.set({ oscillator: { type: wave } });
    synth.current.triggerAttackRelease(note, "8n");
    setLast(note);
  };

  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-6 bg-neutral-900 text-white">
      <p className="text-lg">{last ? `Played ${last}` : "Tap a key"}</p>
      <div className="flex gap-2">
        {(["sine", "square", "triangle"] as const).map((w) => (
          <button key={w} onClick={() => setWave(w)} className={`rounded px-3 py-1 text-sm ${wave === w ? "bg-pink-500" : "bg-neutral-700"}`}>
            {w}
          </button>
        ))}
      </div>
      <div className="flex">
        {NOTES.map((n) => (
          <button
            key={n}
            onMouseDown={() => play(n)}
            className="h-40 w-12 rounded-b-md border border-neutral-300 bg-white text-xs text-neutral-500 active:bg-pink-200"
          >
            {n}
          </button>
        ))}
      </div>
    </div>
  );
}
