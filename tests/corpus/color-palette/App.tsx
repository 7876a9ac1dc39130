// corpus: renders "Palette generator"
import { useState } from "react";
import { colord, extend } from "colord";
import harmoniesPlugin from "colord/plugins/harmonies";
import { Copy, Shuffle } from "lucide-react";

extend([harmoniesPlugin]);

const randomHex = () => `#${Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, "0")}`;

export default function PaletteGenerator() {
  const [base, setBase] = useState("#6d28d9");
  const [copied, setCopied] = useState<string | null>(null);
  const palette = colord(base).harmonies("tetradic").map((c) => c.toHex());
  const shades = [0.3, 0.15, 0, -0.15, -0.3].map((d) =>
    d >= 0 ? colord(base).lighten(d).toHex() : colord(base).darken(-d).toHex(),
  );

  const copy = async (hex: string) => {
    try {
      await navigator.clipboard.writeText(hex);
    } catch {
      // clipboard may be blocked in the preview
    }
    setCopied(hex);
    setTimeout(() => setCopied(null), 1200);
  };

  return (
    <div className="min-h-screen bg-neutral-50 p-8">
      <div className="mx-auto max-w-2xl space-y-6">
        <div className="flex items-center justify-between">
          <h1 className="text-2xl font-bold">Palette generator</h1>
          <div className="flex items-center gap-2">
            <input type="color" value={base} onChange={(e) => setBase(e.target.value)} className="h-10 w-14 cursor-pointer rounded" />
            <button onClick={() => setBase(randomHex())} className="flex items-center gap-1 rounded-md bg-black px-3 py-2 text-sm text-white">
              <Shuffle className="h-4 w-4" /> Random
            </button>
          </div>
        </div>
        <div className="grid grid-cols-4 overflow-hidden rounded-2xl shadow">
          {palette.map((hex) => (
            <button key={hex} onClick={() => copy(hex)} className="group relative h-40" style={{ backgroundColor: hex }}>
              <span className={`absolute bottom-3 left-3 rounded bg-black/40 px-2 py-1 font-mono text-xs ${colord(hex).isDark() ? "text-white" : "text-white"}`}>
                {copied === hex ? "Copied!" : hex}
              </span>
              <Copy className="absolute right-3 top-3 h-4 w-4 text-white opacity-0 group-hover:opacity-100" />
            </button>
          ))}
        </div>
        <div className="flex gap-2">
          {shades.map((hex) => (
            <div key={hex} className="h-12 flex-1 rounded-lg" style={{ backgroundColor: hex }} title={hex} />
          ))}
        </div>
      </div>
    </div>
  );
}
