import { Feather } from "lucide-react";

export function Header({ onHome }: { onHome: () => void }) {
  return (
    <header className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto flex max-w-2xl items-center gap-2 px-4 py-4">
        <Feather className="h-5 w-5 text-amber-700" />
        <button onClick={onHome} className="font-serif text-xl font-bold text-amber-900">
          Notes from the field
        </button>
      </div>
    </header>
  );
}
