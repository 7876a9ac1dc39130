import { useState } from 'react';
import { useAppData } from '@appbundle/runtime';

interface Note {
  id: string;
  text: string;
}

export default function App() {
  const { items, create, loading } = useAppData<Note>('notes');
  const [draft, setDraft] = useState('');
  return (
    <main className="mx-auto max-w-sm space-y-3 p-4">
      <h1 className="text-lg font-semibold">Team notes</h1>
      {loading ? <p>Loading…</p> : null}
      <ul data-testid="notes" className="list-disc pl-5">
        {items.map((note) => (
          <li key={note.id}>{note.text}</li>
        ))}
      </ul>
      <input
        aria-label="New note"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        className="w-full rounded border px-2 py-1"
      />
      <button
        type="button"
        onClick={() => {
          create({ text: draft });
          setDraft('');
        }}
        className="rounded bg-black px-3 py-1 text-white"
      >
        Add note
      </button>
    </main>
  );
}
