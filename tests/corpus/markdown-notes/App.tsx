// corpus: renders "Shopping list"
import { useEffect, useState } from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

type Note = { id: number; title: string; body: string };

const STARTER: Note[] = [
  { id: 1, title: "Shopping list", body: "- [x] oat milk\n- [ ] coffee beans\n- [ ] **basil**" },
  { id: 2, title: "Ideas", body: "## Side projects\n1. Plant watering bot\n2. Recipe scaler" },
];

export default function MarkdownNotes() {
  const [notes, setNotes] = useState<Note[]>(() => {
    const saved = localStorage.getItem("md-notes");
    return saved ? JSON.parse(saved) : STARTER;
  });
  const [activeId, setActiveId] = useState(notes[0]?.id);
  const [preview, setPreview] = useState(true);
  const active = notes.find((n) => n.id === activeId);

  useEffect(() => {
    localStorage.setItem("md-notes", JSON.stringify(notes));
  }, [notes]);

  const update = (body: string) => setNotes(notes.map((n) => (n.id === activeId ? { ...n, body } : n)));

  return (
    <div className="flex h-screen bg-stone-50 text-stone-800">
      <aside className="w-56 border-r bg-white p-3">
        <button
          onClick={() => {
            const note = { id: Date.now(), title: `Note ${notes.length + 1}`, body: "" };
            setNotes([...notes, note]);
            setActiveId(note.id);
          }}
          className="mb-3 w-full rounded bg-stone-800 py-1.5 text-sm text-white"
        >
          + New note
        </button>
        {notes.map((n) => (
          <button
            key={n.id}
            onClick={() => setActiveId(n.id)}
            className={`block w-full truncate rounded px-2 py-1.5 text-left text-sm ${n.id === activeId ? "bg-stone-200 font-medium" : "hover:bg-stone-100"}`}
          >
            {n.title}
          </button>
        ))}
      </aside>
      <main className="flex flex-1 flex-col">
        <div className="flex justify-end gap-2 border-b p-2">
          <button onClick={() => setPreview(!preview)} className="rounded border px-3 py-1 text-sm">
            {preview ? "Edit" : "Preview"}
          </button>
        </div>
        {active &&
          (preview ? (
            <article className="prose max-w-none flex-1 overflow-auto p-6 [&_ul]:list-disc [&_ol]:list-decimal [&_ul]:pl-5 [&_ol]:pl-5 [&_h2]:text-xl [&_h2]:font-bold">
              <h1 className="text-2xl font-bold">{active.title}</h1>
              <ReactMarkdown remarkPlugins={[remarkGfm]}>{active.body}</ReactMarkdown>
            </article>
          ) : (
            <textarea value={active.body} onChange={(e) => update(e.target.value)} className="flex-1 resize-none p-6 font-mono text-sm outline-none" />
          ))}
      </main>
    </div>
  );
}
