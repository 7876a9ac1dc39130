// corpus: renders "Question 1 of 3"
import { useState } from "react";
import { motion, AnimatePresence } from "framer-motion";

const QUESTIONS = [
  { q: "Which planet is known as the Red Planet?", options: ["Venus", "Mars", "Jupiter", "Saturn"], answer: 1 },
  { q: "What is the largest ocean on Earth?", options: ["Atlantic", "Indian", "Pacific", "Arctic"], answer: 2 },
  { q: "Who wrote 'Pride and Prejudice'?", options: ["Jane Austen", "Emily Brontë", "Mary Shelley", "George Eliot"], answer: 0 },
];

export default function Quiz() {
  const [index, setIndex] = useState(0);
  const [score, setScore] = useState(0);
  const [picked, setPicked] = useState<number | null>(null);
  const done = index >= QUESTIONS.length;

  const choose = (i: number) => {
    if (picked !== null) return;
    setPicked(i);
    if (i === QUESTIONS[index].answer) setScore((s) => s + 1);
    setTimeout(() => {
      setPicked(null);
      setIndex((n) => n + 1);
    }, 900);
  };

  return (
    <div className="flex min-h-screen items-center justify-center bg-gradient-to-b from-violet-600 to-fuchsia-600 p-4">
      <div className="w-full max-w-lg rounded-3xl bg-white p-8 shadow-2xl">
        {done ? (
          <div className="text-center">
            <h2 className="text-3xl font-bold">Your score: {score}/{QUESTIONS.length}</h2>
            <button
              onClick={() => {
                setIndex(0);
                setScore(0);
              }}
              className="mt-6 rounded-full bg-violet-600 px-6 py-2 text-white"
            >
              Play again
            </button>
          </div>
        ) : (
          <AnimatePresence mode="wait">
            <motion.div key={index} initial={{ opacity: 0, x: 40 }} animate={{ opacity: 1, x: 0 }} exit={{ opacity: 0, x: -40 }}>
              <p className="text-sm font-medium text-violet-600">Question {index + 1} of {QUESTIONS.length}</p>
              <h2 className="mt-2 text-xl font-semibold">{QUESTIONS[index].q}</h2>
              <div className="mt-6 grid gap-3">
                {QUESTIONS[index].options.map((opt, i) => {
                  const state =
                    picked === null ? "idle" : i === QUESTIONS[index].answer ? "right" : i === picked ? "wrong" : "idle";
                  return (
                    <button
                      key={opt}
                      onClick={() => choose(i)}
                      className={`rounded-xl border-2 px-4 py-3 text-left transition ${
                        state === "right"
                          ? "border-green-500 bg-green-50"
                          : state === "wrong"
                            ? "border-red-500 bg-red-50"
                            : "border-gray-200 hover:border-violet-400"
                      }`}
                    >
                      {opt}
                    </button>
                  );
                })}
              </div>
            </motion.div>
          </AnimatePresence>
        )}
      </div>
    </div>
  );
}
