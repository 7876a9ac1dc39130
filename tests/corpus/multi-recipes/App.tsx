// corpus: renders "Shakshuka"
import { useState } from "react";
import recipes from "./data/recipes.json";
import { RecipeCard } from "./components/RecipeCard";
import { Search } from "lucide-react";

export default function App() {
  const [q, setQ] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const tags = Array.from(new Set(recipes.flatMap((r) => r.tags)));
  const shown = recipes.filter(
    (r) => r.title.toLowerCase().includes(q.toLowerCase()) && (!tag || r.tags.includes(tag)),
  );
  return (
    <div className="min-h-screen bg-orange-50 p-6">
      <div className="mx-auto max-w-5xl">
        <div className="relative mb-4">
          <Search className="absolute left-3 top-2.5 h-5 w-5 text-orange-400" />
          <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search recipes" className="w-full rounded-full border-0 py-2 pl-10 pr-4 shadow" />
        </div>
        <div className="mb-6 flex flex-wrap gap-2">
          {tags.map((t) => (
            <button key={t} onClick={() => setTag(tag === t ? null : t)} className={`rounded-full px-3 py-1 text-sm ${tag === t ? "bg-orange-500 text-white" : "bg-white"}`}>
              #{t}
            </button>
          ))}
        </div>
        <div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((r) => (
            <RecipeCard key={r.id} recipe={r} />
          ))}
        </div>
      </div>
    </div>
  );
}
