// corpus: renders "useDebounce.ts"
import { useState } from "react";
import { Prism as SyntaxHighlighter } from "react-syntax-highlighter";
import { vscDarkPlus } from "react-syntax-highlighter/dist/esm/styles/prism";
import { Check, Copy } from "lucide-react";

const SNIPPETS = {
  "useDebounce.ts": {
    language: "typescript",
    code: `export function useDebounce<T>(value: T, ms = 300) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}`,
  },
  "query.sql": { language: "sql", code: "SELECT name, COUNT(*) FROM orders GROUP BY name ORDER BY 2 DESC;" },
};

export default function CodeSnippets() {
  const [file, setFile] = useState<keyof typeof SNIPPETS>("useDebounce.ts");
  const [copied, setCopied] = useState(false);
  return (
    <div className="mx-auto max-w-2xl p-6">
      <div className="overflow-hidden rounded-lg bg-[#1e1e1e]">
        <div className="flex items-center justify-between border-b border-white/10 px-3">
          <div className="flex">
            {(Object.keys(SNIPPETS) as (keyof typeof SNIPPETS)[]).map((name) => (
              <button key={name} onClick={() => setFile(name)} className={`px-3 py-2 text-xs ${file === name ? "text-white" : "text-white/50"}`}>
                {name}
              </button>
            ))}
          </div>
          <button onClick={() => { setCopied(true); setTimeout(() => setCopied(false), 1000); }} className="text-white/70">
            {copied ? <Check className="h-4 w-4" /> : <Copy className="h-4 w-4" />}
          </button>
        </div>
        <SyntaxHighlighter language={SNIPPETS[file].language} style={vscDarkPlus} customStyle={{ margin: 0, background: "transparent" }} showLineNumbers>
          {SNIPPETS[file].code}
        </SyntaxHighlighter>
      </div>
    </div>
  );
}
