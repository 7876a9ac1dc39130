// corpus: renders "In progress"
import { useState } from "react";
import { Plus, X } from "lucide-react";

type Status = "todo" | "doing" | "done";
type Task = { id: string; title: string; status: Status };

const COLUMNS: { key: Status; label: string; color: string }[] = [
  { key: "todo", label: "To do", color: "bg-slate-100" },
  { key: "doing", label: "In progress", color: "bg-amber-50" },
  { key: "done", label: "Done", color: "bg-emerald-50" },
];

export default function Kanban() {
  const [tasks, setTasks] = useState<Task[]>([
    { id: "1", title: "Write launch email", status: "todo" },
    { id: "2", title: "Fix signup bug", status: "doing" },
    { id: "3", title: "Update pricing page", status: "done" },
  ]);
  const [draft, setDraft] = useState("");
  const [dragging, setDragging] = useState<string | null>(null);

  const add = () => {
    if (!draft.trim()) return;
    setTasks([...tasks, { id: crypto.randomUUID(), title: draft.trim(), status: "todo" }]);
    setDraft("");
  };

  const drop = (status: Status) => {
    if (!dragging) return;
    setTasks(tasks.map((t) => (t.id === dragging ? { ...t, status } : t)));
    setDragging(null);
  };

  return (
    <div className="min-h-screen bg-white p-6">
      <div className="mb-6 flex gap-2">
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && add()}
          placeholder="New task…"
          className="flex-1 rounded-md border px-3 py-2 text-sm"
        />
        <button onClick={add} className="inline-flex items-center gap-1 rounded-md bg-blue-600 px-4 text-sm font-medium text-white">
          <Plus className="h-4 w-4" /> Add
        </button>
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
        {COLUMNS.map((col) => (
          <div
            key={col.key}
            onDragOver={(e) => e.preventDefault()}
            onDrop={() => drop(col.key)}
            className={`min-h-[300px] rounded-lg ${col.color} p-3`}
          >
            <h2 className="mb-3 flex items-center justify-between text-sm font-semibold text-gray-700">
              {col.label}
              <span className="rounded-full bg-white px-2 text-xs">{tasks.filter((t) => t.status === col.key).length}</span>
            </h2>
            <div className="space-y-2">
              {tasks
                .filter((t) => t.status === col.key)
                .map((t) => (
                  <div
                    key={t.id}
                    draggable
                    onDragStart={() => setDragging(t.id)}
                    className="group flex items-center justify-between rounded-md bg-white p-3 text-sm shadow-sm"
                  >
                    {t.title}
                    <button
                      onClick={() => setTasks(tasks.filter((x) => x.id !== t.id))}
                      className="opacity-0 group-hover:opacity-100"
                      aria-label="Delete"
                    >
                      <X className="h-4 w-4 text-gray-400" />
                    </button>
                  </div>
                ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
