// corpus: renders "Moves: 0"
import { useEffect, useState } from "react";

const EMOJIS = ["🐶", "🐱", "🦊", "🐼", "🐸", "🦁", "🐵", "🐙"];

interface Card {
  id: number;
  emoji: string;
  flipped: boolean;
  matched: boolean;
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const newDeck = (): Card[] =>
  shuffle([...EMOJIS, ...EMOJIS]).map((emoji, id) => ({ id, emoji, flipped: false, matched: false }));

export default function MemoryGame() {
  const [cards, setCards] = useState<Card[]>(newDeck);
  const [open, setOpen] = useState<number[]>([]);
  const [moves, setMoves] = useState(0);

  useEffect(() => {
    if (open.length !== 2) return;
    const [a, b] = open;
    const match = cards[a].emoji === cards[b].emoji;
    const t = setTimeout(() => {
      setCards((cs) =>
        cs.map((c, i) => (i === a || i === b ? { ...c, flipped: match, matched: match } : c)),
      );
      setOpen([]);
    }, 700);
    return () => clearTimeout(t);
  }, [open, cards]);

  const flip = (i: number) => {
    if (open.length === 2 || cards[i].flipped) return;
    setCards((cs) => cs.map((c, j) => (j === i ? { ...c, flipped: true } : c)));
    setOpen((o) => [...o, i]);
    if (open.length === 1) setMoves((m) => m + 1);
  };

  const won = cards.every((c) => c.matched);

  return (
    <div className="min-h-screen bg-indigo-950 p-8 text-white">
      <div className="mx-auto max-w-md">
        <div className="mb-6 flex items-center justify-between">
          <h1 className="text-3xl font-extrabold">Memory</h1>
          <span className="rounded bg-indigo-800 px-3 py-1">Moves: {moves}</span>
        </div>
        <div className="grid grid-cols-4 gap-3">
          {cards.map((card, i) => (
            <button
              key={card.id}
              onClick={() => flip(i)}
              className={`aspect-square rounded-xl text-3xl transition-transform duration-300 ${
                card.flipped ? "bg-white rotate-0" : "bg-indigo-600 hover:bg-indigo-500"
              } ${card.matched ? "ring-4 ring-emerald-400" : ""}`}
            >
              {card.flipped ? card.emoji : "?"}
            </button>
          ))}
        </div>
        {won && <p className="mt-6 text-center text-xl text-emerald-300">You won in {moves} moves!</p>}
        <button
          onClick={() => {
            setCards(newDeck());
            setMoves(0);
            setOpen([]);
          }}
          className="mt-6 w-full rounded-lg bg-indigo-700 py-2 font-semibold hover:bg-indigo-600"
        >
          New game
        </button>
      </div>
    </div>
  );
}
