// corpus: renders "Quadratic formula"
import { useMemo, useState } from "react";
import katex from "katex";

const FORMULAS = [
  { name: "Quadratic formula", tex: "x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}" },
  { name: "Euler's identity", tex: "e^{i\\pi} + 1 = 0" },
  { name: "Gaussian integral", tex: "\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx = \\sqrt{\\pi}" },
];

function Tex({ tex }: { tex: string }) {
  const html = useMemo(() => katex.renderToString(tex, { throwOnError: false, displayMode: true }), [tex]);
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export default function MathNotes() {
  const [custom, setCustom] = useState("a^2 + b^2 = c^2");
  return (
    <div className="mx-auto max-w-xl space-y-4 p-6">
      {FORMULAS.map((f) => (
        <div key={f.name} className="rounded-lg border p-4">
          <h2 className="text-sm font-semibold text-gray-600">{f.name}</h2>
          <Tex tex={f.tex} />
        </div>
      ))}
      <div className="rounded-lg border p-4">
        <input value={custom} onChange={(e) => setCustom(e.target.value)} className="w-full rounded border px-2 py-1 font-mono text-sm" />
        <Tex tex={custom} />
      </div>
    </div>
  );
}
